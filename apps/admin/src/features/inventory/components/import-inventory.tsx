import { Alert, Button, Code, FileInput, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import { showNotice } from '../../../components/notices';
import { EmptyState, ErrorState, LoadingState } from '../../../components/page-states';
import { AnchorLink } from '../../../components/router-links';
import type { ImportInventoryMutation, TransferFormat } from '../../../gql/graphql';
import { formatNumber } from '../../../i18n/format';
import { t } from '../deployments-messages';
import { useImportInventory } from '../hooks';
import { useInventoryPermissions } from '../permissions';

type ImportResult = ImportInventoryMutation['importInventory'];
/** A problem of the file, numbered in the order the server found it. */
type RowError = ImportResult['errors'][number] & { index: number };
type ChosenFile = { name: string; size: number; format: TransferFormat; content: string };

/** The format follows the file's extension; the server checks the content itself. */
function formatOf(fileName: string): TransferFormat | null {
  const extension = fileName.toLowerCase().split('.').pop();
  return extension === 'csv' ? 'CSV' : extension === 'json' ? 'JSON' : null;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return t('deployments.import.bytes', { count: bytes });
  const oneDecimal = { minimumFractionDigits: 1, maximumFractionDigits: 1 };
  if (bytes < 1024 * 1024) return t('deployments.import.kilobytes', { size: formatNumber(bytes / 1024, oneDecimal) });
  return t('deployments.import.megabytes', { size: formatNumber(bytes / 1024 / 1024, oneDecimal) });
}

function Counts({ result }: { result: ImportResult }) {
  const counts = [
    [t('deployments.import.counts.rows'), result.rowCount],
    [t('deployments.import.counts.created'), result.created],
    [t('deployments.import.counts.updated'), result.updated],
    [t('deployments.import.counts.unchanged'), result.unchanged],
    [t('deployments.import.counts.providersCreated'), result.providersCreated],
    [t('deployments.import.counts.providersUpdated'), result.providersUpdated],
  ] as const;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} data-testid="import-counts">
      {counts.map(([label, value]) => (
        <Stack key={label} gap={0}>
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text fw={600} size="lg">
            {formatNumber(value)}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}

/** Built when drawn, so the headers follow the language in use. Row 0 stands for the file as a whole. */
const errorColumns = (): DataColumn<RowError>[] => [
  {
    id: 'row',
    header: t('deployments.import.errors.row'),
    value: (error) => (error.row === 0 ? t('deployments.import.errors.file') : error.row),
    width: '6rem',
  },
  {
    id: 'column',
    header: t('deployments.import.errors.column'),
    value: (error) => error.column,
    cell: (error) => (error.column ? <Code>{error.column}</Code> : t('deployments.none')),
    width: '14rem',
  },
  { id: 'problem', header: t('deployments.import.errors.problem'), value: (error) => error.reason, hideable: false },
];

/** Every problem of the file by row and column; sortable, and downloadable to work through beside the file. */
function RowErrors({ errors }: { errors: ImportResult['errors'] }) {
  return (
    <DataTable
      id="import-errors"
      label={t('deployments.import.errors.label')}
      columns={errorColumns()}
      rows={errors.map((error, index) => ({ ...error, index }))}
      rowKey={(error) => String(error.index)}
      minWidth={600}
      empty={<EmptyState title={t('deployments.import.errors.empty')} />}
    />
  );
}

function Preview({ result }: { result: ImportResult }) {
  return (
    <Stack>
      <Title order={3} size="h4">
        {t('deployments.import.previewTitle')}
      </Title>
      <Counts result={result} />
      {result.ok && result.rowCount === 0 ? (
        <EmptyState title={t('deployments.import.emptyFile')} description={t('deployments.import.emptyFileBody')} />
      ) : result.ok ? (
        <Alert color="teal" title={t('deployments.import.valid')}>
          {t('deployments.import.validBody')}
        </Alert>
      ) : (
        <>
          <Alert color="red" role="alert" title={t('deployments.import.problems', { count: result.errors.length })}>
            {t('deployments.import.problemsBody')}
          </Alert>
          <RowErrors errors={result.errors} />
        </>
      )}
    </Stack>
  );
}

/** Upload → check (dry run) → confirm → result. */
export function ImportInventory() {
  const { canImport } = useInventoryPermissions();
  const [file, setFile] = useState<File | null>(null);
  const [chosen, setChosen] = useState<ChosenFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const check = useImportInventory();
  const commit = useImportInventory();

  const runCheck = (next: ChosenFile) => check.mutate({ content: next.content, format: next.format, dryRun: true });
  const runImport = (next: ChosenFile) =>
    commit.mutate(
      { content: next.content, format: next.format, dryRun: false },
      {
        onSuccess: ({ importInventory }) =>
          importInventory.ok &&
          showNotice(t('deployments.import.finished'), t('deployments.import.finishedBody', { count: importInventory.rowCount })),
      },
    );

  const choose = async (next: File | null) => {
    setFile(next);
    setChosen(null);
    setFileError(null);
    check.reset();
    commit.reset();
    if (!next) return;
    const format = formatOf(next.name);
    if (!format) {
      setFileError(t('deployments.import.wrongType'));
      return;
    }
    let content: string;
    try {
      content = await next.text();
    } catch (error) {
      setFileError(t('deployments.import.unreadable', { message: error instanceof Error ? error.message : String(error) }));
      return;
    }
    const read = { name: next.name, size: next.size, format, content };
    setChosen(read);
    runCheck(read);
  };

  if (!canImport) {
    return (
      <Alert color="orange" title={t('deployments.import.forbiddenTitle')} role="alert">
        {t('deployments.import.forbiddenBody')}
      </Alert>
    );
  }

  const preview = check.data?.importInventory;
  const done = commit.data?.importInventory;
  return (
    <Stack maw={1000}>
      <Title order={2} size="h3">
        {t('deployments.import.title')}
      </Title>
      <Text size="sm">{t('deployments.import.intro')}</Text>
      <FileInput
        label={t('deployments.import.file')}
        description={t('deployments.import.fileHelp')}
        accept=".csv,.json,text/csv,application/json"
        value={file}
        onChange={(next) => void choose(next)}
        error={fileError}
        clearable
        disabled={commit.isPending}
        w={400}
      />
      {chosen && (
        <Text size="sm" data-testid="chosen-file">
          {t('deployments.import.chosen', { name: chosen.name, size: formatSize(chosen.size) })}
        </Text>
      )}
      {check.isPending && (
        <Stack gap={4}>
          <Text size="sm">{t('deployments.import.checking')}</Text>
          <LoadingState what={t('deployments.import.checkingWhat')} rows={2} height={48} />
        </Stack>
      )}
      {check.isError && chosen && (
        <ErrorState title={t('deployments.import.checkFailed')} error={check.error} onRetry={() => runCheck(chosen)} />
      )}
      {preview && !done && <Preview result={preview} />}
      {preview?.ok && preview.rowCount > 0 && chosen && !done && !commit.isError && (
        <Group>
          <Button loading={commit.isPending} onClick={() => runImport(chosen)}>
            {t('deployments.import.confirm')}
          </Button>
        </Group>
      )}
      {commit.isPending && (
        <Stack gap={4} role="status">
          <Text size="sm">{t('deployments.import.importing', { count: preview?.rowCount ?? 0 })}</Text>
          <Progress value={100} animated striped aria-label={t('deployments.import.importingLabel')} />
        </Stack>
      )}
      {commit.isError && chosen && (
        <ErrorState title={t('deployments.import.failed')} error={commit.error} onRetry={() => runImport(chosen)} />
      )}
      {done && (
        <Stack>
          <Title order={3} size="h4">
            {done.ok ? t('deployments.import.imported') : t('deployments.import.notImported')}
          </Title>
          <Counts result={done} />
          {!done.ok && <RowErrors errors={done.errors} />}
          <AnchorLink to="/inventory">{t('deployments.import.back')}</AnchorLink>
        </Stack>
      )}
    </Stack>
  );
}
