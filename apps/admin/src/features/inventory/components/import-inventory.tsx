import { AnchorLink } from '../../../components/router-links';
import { Alert, Button, Code, FileInput, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ImportInventoryMutation, TransferFormat } from '../../../gql/graphql';
import { showNotice } from '../../../components/notices';
import { useImportInventory } from '../hooks';
import { useInventoryPermissions } from '../permissions';
import { FormError } from './form-parts';

type ImportResult = ImportInventoryMutation['importInventory'];
type ChosenFile = { name: string; size: number; format: TransferFormat; content: string };

/** The format follows the file's extension; the server checks the content itself. */
function formatOf(fileName: string): TransferFormat | null {
  const extension = fileName.toLowerCase().split('.').pop();
  return extension === 'csv' ? 'CSV' : extension === 'json' ? 'JSON' : null;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function Counts({ result }: { result: ImportResult }) {
  const counts = [
    ['Rows', result.rowCount],
    ['Versions created', result.created],
    ['Versions updated', result.updated],
    ['Unchanged', result.unchanged],
    ['Providers created', result.providersCreated],
    ['Providers updated', result.providersUpdated],
  ] as const;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} data-testid="import-counts">
      {counts.map(([label, value]) => (
        <Stack key={label} gap={0}>
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text fw={600} size="lg">
            {value}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}

function RowErrors({ errors }: { errors: ImportResult['errors'] }) {
  return (
    <Table withTableBorder striped aria-label="Problems in the file" data-testid="import-errors">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={80}>Row</Table.Th>
          <Table.Th w={200}>Column</Table.Th>
          <Table.Th>Problem</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {errors.map((error, index) => (
          <Table.Tr key={`${error.row}-${error.column ?? ''}-${index}`}>
            <Table.Td>{error.row === 0 ? 'File' : error.row}</Table.Td>
            <Table.Td>{error.column ? <Code>{error.column}</Code> : '—'}</Table.Td>
            <Table.Td>{error.reason}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Preview({ result }: { result: ImportResult }) {
  return (
    <Stack>
      <Title order={3} size="h4">
        Check (nothing written yet)
      </Title>
      <Counts result={result} />
      {result.ok ? (
        <Alert color="teal" title="Every row is valid">
          Confirm to write these changes. Nothing is written unless every row is valid.
        </Alert>
      ) : (
        <>
          <Alert color="red" role="alert" title={`${result.errors.length} problem${result.errors.length === 1 ? '' : 's'} found`}>
            Fix the file and choose it again; nothing will be imported until every row is valid.
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

  const choose = async (next: File | null) => {
    setFile(next);
    setChosen(null);
    setFileError(null);
    check.reset();
    commit.reset();
    if (!next) return;
    const format = formatOf(next.name);
    if (!format) {
      setFileError('Choose a .csv or .json file.');
      return;
    }
    const content = await next.text();
    setChosen({ name: next.name, size: next.size, format, content });
    check.mutate({ content, format, dryRun: true });
  };

  if (!canImport) {
    return (
      <Alert color="orange" title="Not available to your roles" role="alert">
        Importing needs the engineer or compliance officer role.
      </Alert>
    );
  }

  const preview = check.data?.importInventory;
  const done = commit.data?.importInventory;
  return (
    <Stack maw={1000}>
      <Title order={2} size="h3">
        Import model versions
      </Title>
      <Text size="sm">
        A CSV or JSON file of model versions and their providers; rows are matched on provider name and version name, so importing
        an export again changes nothing. Format: docs/inventory-import.md in the repository.
      </Text>
      <FileInput
        label="Inventory file"
        description=".csv or .json"
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
          {chosen.name}, {formatSize(chosen.size)}
        </Text>
      )}
      {check.isPending && (
        <Stack gap={4} role="status">
          <Text size="sm">Checking every row…</Text>
          <Progress value={100} animated striped aria-label="Checking the file" />
        </Stack>
      )}
      <FormError error={check.error} title="The file could not be checked" />
      {preview && !done && <Preview result={preview} />}
      {preview?.ok && chosen && !done && (
        <Group>
          <Button
            loading={commit.isPending}
            onClick={() =>
              commit.mutate(
                { content: chosen.content, format: chosen.format, dryRun: false },
                {
                  onSuccess: ({ importInventory }) =>
                    importInventory.ok && showNotice('Import finished', `${importInventory.rowCount} rows imported.`),
                },
              )
            }
          >
            Confirm import
          </Button>
        </Group>
      )}
      {commit.isPending && (
        <Stack gap={4} role="status">
          <Text size="sm">Importing {preview?.rowCount ?? 0} rows…</Text>
          <Progress value={100} animated striped aria-label="Importing" />
        </Stack>
      )}
      <FormError error={commit.error} title="The import failed; nothing was written" />
      {done && (
        <Stack>
          <Title order={3} size="h4">
            {done.ok ? 'Imported' : 'Not imported'}
          </Title>
          <Counts result={done} />
          {!done.ok && <RowErrors errors={done.errors} />}
          <AnchorLink to="/inventory">Back to the model versions</AnchorLink>
        </Stack>
      )}
    </Stack>
  );
}
