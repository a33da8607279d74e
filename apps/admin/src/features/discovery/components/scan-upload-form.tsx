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
import { UnsavedChangesGuard } from '../../../components/unsaved-changes-guard';
import type { DataClassification, Environment } from '../../../gql/graphql';
import { FormError } from '../../inventory/components/form-parts';
import { blankToNull, serverFieldErrors, zodFieldErrors, type FieldErrors } from '../../inventory/form-errors';
import { dataClassificationLabels, environmentLabels, optionsOf } from '../../inventory/labels';
import { inventoryQueries } from '../../inventory/queries';
import { RichMessage } from '../../system/rich-message';
import { t } from '../messages';
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
const MAX_PROBLEMS_SHOWN = 20;

const EMPTY_VALUES: Values = {
  repository: '',
  branch: '',
  commit: '',
  environment: null,
  dataClassification: null,
  hostingTarget: null,
  personalData: false,
};

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
  const [values, setValues] = useState<Values>(EMPTY_VALUES);
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
      setReadError(t('discovery.upload.tooLarge', { file: file.name }));
      return;
    }
    void file.text().then(read);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!scan) {
      setReadError(readError ?? t('discovery.upload.missing'));
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
        showNotice(
          t('discovery.upload.added'),
          t('discovery.upload.addedMessage', { count: parsed.data.findings.length, repository: parsed.data.repository }),
        );
        void navigate({ to: '/discovery/reports/$reportId', params: { reportId: report.id }, ignoreBlocker: true });
      },
      onError: (error) => setErrors(serverFieldErrors(error)),
    });
  };

  const findingsError = Object.entries(errors).find(([field]) => field.startsWith('findings'));
  // Anything typed, pasted or chosen would be lost by leaving: the scan has not been added yet.
  const dirty =
    text.trim() !== '' || (Object.keys(EMPTY_VALUES) as (keyof Values)[]).some((key) => values[key] !== EMPTY_VALUES[key]);
  const hostingOptions = (targets.data ?? []).map((target) => ({ value: target.name, label: target.name }));
  return (
    <Paper withBorder p="md">
      <form onSubmit={onSubmit} aria-label={t('discovery.upload.title')} noValidate>
        <UnsavedChangesGuard when={dirty && !submit.isSuccess} />
        <Stack>
          <Title order={2} size="h4">
            {t('discovery.upload.title')}
          </Title>
          <Text size="sm" c="dimmed">
            <RichMessage
              text={t('discovery.upload.intro')}
              values={{ command: <code>{'modelgate scan <folder> --format json'}</code> }}
            />
          </Text>
          <FormError error={submit.error} title={t('discovery.upload.failed')} />
          <Group align="flex-end">
            <FileButton onChange={onFile} accept="application/json,.json">
              {(props) => (
                <Button variant="default" {...props}>
                  {t('discovery.upload.chooseFile')}
                </Button>
              )}
            </FileButton>
          </Group>
          <Textarea
            label={t('discovery.upload.output')}
            value={text}
            onChange={(event) => read(event.currentTarget.value)}
            autosize
            minRows={4}
            maxRows={12}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            error={
              readError ??
              (findingsError
                ? t('discovery.upload.findingError', { field: findingsError[0], reason: findingsError[1] })
                : undefined)
            }
            spellCheck={false}
          />
          {scan && (
            <Alert
              color={scan.problems.length ? 'orange' : 'blue'}
              title={t('discovery.upload.read', { count: scan.findings.length })}
            >
              {scan.problems.length > 0 ? (
                <Stack gap={4}>
                  <Text size="sm">{t('discovery.upload.notAdded')}</Text>
                  <List size="sm">
                    {scan.problems.slice(0, MAX_PROBLEMS_SHOWN).map((problem) => (
                      <List.Item key={problem}>{problem}</List.Item>
                    ))}
                  </List>
                  {scan.problems.length > MAX_PROBLEMS_SHOWN && (
                    <Text size="sm">{t('discovery.upload.more', { count: scan.problems.length - MAX_PROBLEMS_SHOWN })}</Text>
                  )}
                </Stack>
              ) : (
                <Text size="sm">{t('discovery.upload.allAddable')}</Text>
              )}
            </Alert>
          )}
          <Group grow align="flex-start">
            <TextInput
              label={t('discovery.upload.repository')}
              description={t('discovery.upload.repositoryDescription')}
              required
              value={values.repository}
              onChange={(event) => set('repository')(event.currentTarget.value)}
              error={errors.repository}
            />
            <TextInput
              label={t('discovery.upload.branch')}
              value={values.branch}
              onChange={(event) => set('branch')(event.currentTarget.value)}
              error={errors.branch}
            />
            <TextInput
              label={t('discovery.upload.commit')}
              value={values.commit}
              onChange={(event) => set('commit')(event.currentTarget.value)}
              error={errors.commit}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
          </Group>
          <Group grow align="flex-start">
            <Select
              label={t('discovery.upload.environment')}
              required
              allowDeselect={false}
              data={optionsOf(environmentLabels)}
              value={values.environment}
              onChange={(value) => set('environment')(value)}
              error={errors.environment}
            />
            <Select
              label={t('discovery.upload.dataClassification')}
              description={t('discovery.upload.dataClassificationDescription')}
              data={optionsOf(dataClassificationLabels)}
              value={values.dataClassification}
              onChange={(value) => set('dataClassification')(value)}
              error={errors.dataClassification}
              clearable
            />
            <Select
              label={t('discovery.upload.hostingTarget')}
              description={t('discovery.upload.hostingTargetDescription')}
              data={hostingOptions}
              value={values.hostingTarget}
              onChange={set('hostingTarget')}
              error={errors.hostingTarget ?? (targets.isError ? t('discovery.upload.hostingTargetsError') : undefined)}
              searchable
              clearable
            />
          </Group>
          <Checkbox
            label={t('discovery.upload.personalData')}
            checked={values.personalData}
            onChange={(event) => set('personalData')(event.currentTarget.checked)}
          />
          <Group>
            <Button type="submit" loading={submit.isPending} disabled={!scan}>
              {t('discovery.upload.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
