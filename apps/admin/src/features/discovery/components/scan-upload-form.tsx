import {
  Alert,
  Button,
  Checkbox,
  FileButton,
  Group,
  List,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { readScanJson, submitScanReportInputSchema, type ScanJson } from '@modelgate/discovery/reports';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { showNotice } from '../../../components/notices';
import type { DataClassification, Environment } from '../../../gql/graphql';
import { FormError } from '../../inventory/components/form-parts';
import { blankToNull, serverFieldErrors, zodFieldErrors, type FieldErrors } from '../../inventory/form-errors';
import { dataClassificationLabels, environmentLabels, optionsOf } from '../../inventory/labels';
import { inventoryQueries } from '../../inventory/queries';
import { useSubmitScanReport } from '../queries';

type Values = {
  repository: string;
  branch: string;
  commit: string;
  environment: Environment | null;
  dataClassification: DataClassification | null;
  hostingTarget: string | null;
  personalData: boolean;
};

const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * Adds the results of a scan someone ran by hand: the JSON of `modelgate scan --format json`, pasted or
 * chosen as a file, and the repository it is of. The server answers for each finding itself.
 */
export function ScanUploadForm() {
  const navigate = useNavigate();
  const submit = useSubmitScanReport();
  const targets = useQuery(inventoryQueries.hostingTargets());
  const [text, setText] = useState('');
  const [scan, setScan] = useState<ScanJson | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [values, setValues] = useState<Values>({
    repository: '',
    branch: '',
    commit: '',
    environment: null,
    dataClassification: null,
    hostingTarget: null,
    personalData: false,
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) =>
      setValues((current) => ({ ...current, [key]: value }));

  const read = (content: string) => {
    setText(content);
    setErrors({});
    if (!content.trim()) {
      setScan(null);
      setReadError(null);
      return;
    }
    try {
      const parsed = readScanJson(content);
      setScan(parsed);
      setReadError(null);
      setValues((current) => ({
        ...current,
        repository: current.repository || parsed.folderName || '',
        environment: current.environment ?? (parsed.context.environment as Environment | null),
        dataClassification: current.dataClassification ?? (parsed.context.dataClassification as DataClassification | null),
        hostingTarget: current.hostingTarget ?? parsed.context.hostingTarget,
        personalData: current.personalData || parsed.context.personalData,
      }));
    } catch (error) {
      setScan(null);
      setReadError((error as Error).message);
    }
  };

  const onFile = (file: File | null) => {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setReadError(`${file.name} is larger than 20 MB; upload it from CI with \`modelgate scan --upload\` instead.`);
      return;
    }
    void file.text().then(read);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!scan) {
      setReadError(readError ?? 'Paste the output of `modelgate scan --format json`, or choose the file.');
      return;
    }
    const parsed = submitScanReportInputSchema.safeParse({
      repository: values.repository,
      branch: blankToNull(values.branch),
      commit: blankToNull(values.commit),
      environment: values.environment,
      dataClassification: values.dataClassification,
      personalData: values.personalData,
      hostingTarget: values.hostingTarget,
      filesScanned: scan.filesScanned,
      findings: scan.findings,
    });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    submit.mutate(parsed.data, {
      onSuccess: (report) => {
        showNotice('Scan results added', `${parsed.data.findings.length} findings of ${parsed.data.repository}`);
        void navigate({ to: '/discovery/reports/$reportId', params: { reportId: report.id } });
      },
      onError: (error) => setErrors(serverFieldErrors(error)),
    });
  };

  const findingsError = Object.entries(errors).find(([field]) => field.startsWith('findings'));
  const hostingOptions = (targets.data ?? []).map((target) => ({ value: target.name, label: target.name }));
  return (
    <Paper withBorder p="md">
      <form onSubmit={onSubmit} aria-label="Add scan results" noValidate>
        <Stack>
          <Title order={2} size="h4">
            Add scan results
          </Title>
          <Text size="sm" c="dimmed">
            Paste the output of <code>modelgate scan &lt;folder&gt; --format json</code>, or choose the file. Statuses in the file
            are not read: Modelgate answers for each finding itself, for the use you choose below.
          </Text>
          <FormError error={submit.error} title="The scan results were not added" />
          <Group align="flex-end">
            <FileButton onChange={onFile} accept="application/json,.json">
              {(props) => (
                <Button variant="default" {...props}>
                  Choose a JSON file
                </Button>
              )}
            </FileButton>
          </Group>
          <Textarea
            label="Scan output (JSON)"
            value={text}
            onChange={(event) => read(event.currentTarget.value)}
            autosize
            minRows={4}
            maxRows={12}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            error={readError ?? (findingsError ? `${findingsError[0]}: ${findingsError[1]}` : undefined)}
            spellCheck={false}
          />
          {scan && (
            <Alert color={scan.problems.length ? 'orange' : 'blue'} title={`${scan.findings.length} findings read`}>
              {scan.problems.length > 0 ? (
                <Stack gap={4}>
                  <Text size="sm">These findings will not be added:</Text>
                  <List size="sm">
                    {scan.problems.slice(0, 20).map((problem) => (
                      <List.Item key={problem}>{problem}</List.Item>
                    ))}
                  </List>
                  {scan.problems.length > 20 && <Text size="sm">…and {scan.problems.length - 20} more.</Text>}
                </Stack>
              ) : (
                <Text size="sm">Every finding in the file can be added.</Text>
              )}
            </Alert>
          )}
          <Group grow align="flex-start">
            <TextInput
              label="Repository"
              description="As your team names it, e.g. github.com/acme/support-bot"
              required
              value={values.repository}
              onChange={(event) => set('repository')(event.currentTarget.value)}
              error={errors.repository}
            />
            <TextInput
              label="Branch"
              value={values.branch}
              onChange={(event) => set('branch')(event.currentTarget.value)}
              error={errors.branch}
            />
            <TextInput
              label="Commit"
              value={values.commit}
              onChange={(event) => set('commit')(event.currentTarget.value)}
              error={errors.commit}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
          </Group>
          <Group grow align="flex-start">
            <Select
              label="Environment"
              required
              allowDeselect={false}
              data={optionsOf(environmentLabels)}
              value={values.environment}
              onChange={(value) => set('environment')(value)}
              error={errors.environment}
            />
            <Select
              label="Data classification"
              description="Default: internal"
              data={optionsOf(dataClassificationLabels)}
              value={values.dataClassification}
              onChange={(value) => set('dataClassification')(value)}
              error={errors.dataClassification}
              clearable
            />
            <Select
              label="Hosting target"
              description="With one, statuses are the CI gate’s full answer"
              data={hostingOptions}
              value={values.hostingTarget}
              onChange={set('hostingTarget')}
              error={errors.hostingTarget ?? (targets.isError ? 'Could not load hosting targets' : undefined)}
              searchable
              clearable
            />
          </Group>
          <Checkbox
            label="The code processes personal data"
            checked={values.personalData}
            onChange={(event) => set('personalData')(event.currentTarget.checked)}
          />
          <Group>
            <Button type="submit" loading={submit.isPending} disabled={!scan}>
              Add scan results
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
