import { Alert, Button, Group } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { TransferFormat } from '../../../gql/graphql';
import { execute } from '../../../lib/graphql-client';
import { showNotice } from '../../../components/notices';
import { t } from '../deployments-messages';
import { InventoryExportQuery } from '../graphql';

/** The file formats, by their names (the same in every language). */
const formats: { format: TransferFormat; label: string; mimeType: string }[] = [
  { format: 'CSV', label: 'CSV', mimeType: 'text/csv' },
  { format: 'JSON', label: 'JSON', mimeType: 'application/json' },
];

function download(content: string, fileName: string, type: string) {
  const url = URL.createObjectURL(new Blob([content], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Downloads the whole inventory in the import format; importing the file back changes nothing. */
export function ExportButtons() {
  const exportInventory = useMutation({
    mutationFn: async (format: TransferFormat) => (await execute(InventoryExportQuery, { format })).inventoryExport,
    onSuccess: (file) => {
      download(file.content, file.fileName, formats.find((entry) => entry.format === file.format)?.mimeType ?? 'text/plain');
      showNotice(
        t('deployments.export.ready'),
        t('deployments.export.readyBody', { fileName: file.fileName, count: file.rowCount }),
      );
    },
  });
  const pendingFormat = exportInventory.isPending ? exportInventory.variables : null;
  return (
    <Group gap="xs">
      {formats.map(({ format, label }) => (
        <Button
          key={format}
          variant="default"
          loading={pendingFormat === format}
          disabled={exportInventory.isPending}
          onClick={() => exportInventory.mutate(format)}
        >
          {t('deployments.export.button', { format: label })}
        </Button>
      ))}
      {exportInventory.isError && (
        <Alert color="red" role="alert" py={4}>
          {t('deployments.export.failed', { message: exportInventory.error.message })}
        </Alert>
      )}
    </Group>
  );
}
