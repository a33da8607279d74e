import { Alert, Button, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { REQUEST_STATES, RISK_TIERS } from '@modelgate/domain/approvals';
import { Environment, LicenseClass } from '@modelgate/domain/inventory';
import {
  createReportExportInputSchema,
  presetPeriod,
  REPORT_TYPE_INFO,
  REPORT_TYPES,
  type ReportFilterName,
  type ReportFormat,
  type ReportType,
} from '@modelgate/domain/reports';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { showNotice } from '../../../components/notices';
import { ErrorState } from '../../../components/page-states';
import { UnsavedChangesGuard } from '../../../components/unsaved-changes-guard';
import { approvalStateLabels, environmentLabels, licenseClassLabels, optionsOf } from '../../inventory/labels';
import { countryOptions } from '../../inventory/components/form-parts';
import { formLevelError, serverFieldErrors, zodFieldErrors, type FieldErrors } from '../../inventory/form-errors';
import { inventoryQueries } from '../../inventory/queries';
import { riskTierLabels } from '../../approvals/labels';
import { peopleQueries } from '../../people/queries';
import { formatLabel, periodPresetOptions, reportTypeDescription, reportTypeTitle } from '../labels';
import { t } from '../messages';
import { downloadBundle, useCreateReportExport } from '../queries';

const FILTERS = 'filters.';

/** Examples of what the audit trail's fields hold (identifiers, not words to translate). */
const ACTION_EXAMPLE = 'approval_vote.approve';
const RECORD_TYPE_EXAMPLE = 'ApprovalRequest';

type Draft = {
  type: ReportType;
  format: ReportFormat;
  from: string;
  to: string;
  asOf: string;
  teamIds: string[];
  environments: string[];
  developerCountries: string[];
  effectiveOrigins: string[];
  licenseClasses: string[];
  riskTiers: string[];
  states: string[];
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  application: string;
};

const emptyDraft = (type: ReportType): Draft => ({
  type,
  format: REPORT_TYPE_INFO[type].formats[0]!,
  ...presetPeriod('last-quarter', new Date()),
  asOf: '',
  teamIds: [],
  environments: [],
  developerCountries: [],
  effectiveOrigins: [],
  licenseClasses: [],
  riskTiers: [],
  states: [],
  actorId: null,
  action: '',
  entityType: '',
  entityId: '',
  application: '',
});

/** The request as the API takes it: only the filters this report uses, blanks left out. */
function toInput(draft: Draft) {
  const applies = new Set<ReportFilterName>(REPORT_TYPE_INFO[draft.type].filters);
  const filters: Record<string, unknown> = {};
  const put = (name: ReportFilterName, value: unknown) => {
    const blank = value === '' || value === null || (Array.isArray(value) && value.length === 0);
    if (applies.has(name) && !blank) filters[name] = typeof value === 'string' ? value.trim() : value;
  };
  (Object.keys(draft) as (keyof Draft)[]).forEach((key) => {
    if (key !== 'type' && key !== 'format') put(key, draft[key]);
  });
  return { type: draft.type, format: draft.format, filters };
}

/** Asks for an export; a small one downloads at once, a large one appears below with its progress. */
export function ReportExportForm() {
  const [draft, setDraft] = useState<Draft>(() => emptyDraft('APPROVALS'));
  // The draft as it was last exported (or first shown): leaving with other choices asks first.
  const [exported, setExported] = useState<Draft>(draft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useCreateReportExport();
  const applies = new Set<ReportFilterName>(REPORT_TYPE_INFO[draft.type].filters);
  const teams = useQuery({ ...inventoryQueries.teams(), enabled: applies.has('teamIds') });
  const people = useQuery({ ...peopleQueries.list(), enabled: applies.has('actorId') });

  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((current) => ({ ...current, [key]: value }));
  // The server and the schema name filter fields `filters.<name>`.
  const filterErrors = Object.fromEntries(
    Object.entries(errors).flatMap(([field, message]) =>
      field.startsWith(FILTERS) ? [[field.slice(FILTERS.length), message]] : [],
    ),
  ) as Partial<Record<ReportFilterName, string>>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = toInput(draft);
    const parsed = createReportExportInputSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    const submitted = draft;
    create.mutate(input, {
      onSuccess: ({ createReportExport: view }) => {
        setExported(submitted);
        if (view.status === 'READY') {
          showNotice(t('reports.form.ready'), t('reports.form.readyMessage', { file: view.fileName ?? '' }));
          downloadBundle(view);
        } else {
          showNotice(t('reports.form.started'), t('reports.form.startedMessage'));
        }
      },
      onError: (failure) => setErrors(serverFieldErrors(failure)),
    });
  };

  const dirty = JSON.stringify(draft) !== JSON.stringify(exported);

  const period = applies.has('from') && (
    <Group align="flex-end" wrap="wrap">
      <Select
        label={t('reports.form.period')}
        data={periodPresetOptions()}
        placeholder={t('reports.form.periodPlaceholder')}
        onChange={(value) => value && setDraft((current) => ({ ...current, ...presetPeriod(value, new Date()) }))}
        w={200}
      />
      <TextInput
        label={t('reports.form.from')}
        type="date"
        value={draft.from}
        onChange={(e) => set('from')(e.currentTarget.value)}
        error={filterErrors.from}
      />
      <TextInput
        label={t('reports.form.to')}
        type="date"
        value={draft.to}
        onChange={(e) => set('to')(e.currentTarget.value)}
        error={filterErrors.to}
      />
    </Group>
  );

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-label={t('reports.form.title')}>
      <UnsavedChangesGuard when={dirty} />
      <Stack>
        <Title order={2} size="h4">
          {t('reports.form.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Select
            label={t('reports.form.report')}
            data={REPORT_TYPES.map((type) => ({ value: type, label: reportTypeTitle(type) }))}
            value={draft.type}
            allowDeselect={false}
            onChange={(value) => value && setDraft(emptyDraft(value))}
          />
          <Select
            label={t('reports.form.format')}
            data={REPORT_TYPE_INFO[draft.type].formats.map((format) => ({ value: format, label: formatLabel(format) }))}
            value={draft.format}
            allowDeselect={false}
            onChange={(value) => value && set('format')(value)}
            error={errors.format}
          />
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          {reportTypeDescription(draft.type)}
        </Text>
        {period}
        {applies.has('asOf') && (
          <TextInput
            label={t('reports.form.asOf')}
            description={t('reports.form.asOfDescription')}
            type="date"
            value={draft.asOf}
            onChange={(e) => set('asOf')(e.currentTarget.value)}
            error={filterErrors.asOf}
            maw={320}
          />
        )}
        {applies.has('application') && (
          <TextInput
            label={t('reports.form.application')}
            description={t('reports.form.applicationDescription')}
            value={draft.application}
            onChange={(e) => set('application')(e.currentTarget.value)}
            error={filterErrors.application}
            maw={420}
          />
        )}
        <SimpleGrid cols={{ base: 1, md: 2, lg: 3 }}>
          {applies.has('teamIds') &&
            (teams.isError ? (
              <ErrorState title={t('reports.form.teamsError')} error={teams.error} onRetry={() => void teams.refetch()} />
            ) : (
              <MultiSelect
                label={t('reports.form.teams')}
                placeholder={t('reports.form.teamsPlaceholder')}
                searchable
                data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
                value={draft.teamIds}
                onChange={set('teamIds')}
                error={filterErrors.teamIds}
              />
            ))}
          {applies.has('environments') && (
            <MultiSelect
              label={t('reports.form.environments')}
              placeholder={t('reports.form.environmentsPlaceholder')}
              data={optionsOf(environmentLabels).filter((option) => Object.values(Environment).includes(option.value))}
              value={draft.environments}
              onChange={set('environments')}
            />
          )}
          {applies.has('developerCountries') && (
            <MultiSelect
              label={t('reports.form.developerCountry')}
              placeholder={t('reports.form.countriesPlaceholder')}
              searchable
              data={countryOptions()}
              value={draft.developerCountries}
              onChange={set('developerCountries')}
            />
          )}
          {applies.has('effectiveOrigins') && (
            <MultiSelect
              label={t('reports.form.effectiveOrigin')}
              description={t('reports.form.effectiveOriginDescription')}
              placeholder={t('reports.form.countriesPlaceholder')}
              searchable
              data={countryOptions()}
              value={draft.effectiveOrigins}
              onChange={set('effectiveOrigins')}
            />
          )}
          {applies.has('licenseClasses') && (
            <MultiSelect
              label={t('reports.form.licenseClass')}
              placeholder={t('reports.form.licenseClassPlaceholder')}
              data={optionsOf(licenseClassLabels).filter((option) => Object.values(LicenseClass).includes(option.value))}
              value={draft.licenseClasses}
              onChange={set('licenseClasses')}
            />
          )}
          {applies.has('riskTiers') && (
            <MultiSelect
              label={t('reports.form.riskTier')}
              placeholder={t('reports.form.riskTierPlaceholder')}
              data={RISK_TIERS.map((tier) => ({ value: tier, label: riskTierLabels[tier] }))}
              value={draft.riskTiers}
              onChange={set('riskTiers')}
            />
          )}
          {applies.has('states') && (
            <MultiSelect
              label={t('reports.form.states')}
              placeholder={t('reports.form.statesPlaceholder')}
              data={REQUEST_STATES.map((state) => ({ value: state, label: approvalStateLabels[state] ?? state }))}
              value={draft.states}
              onChange={set('states')}
            />
          )}
          {applies.has('actorId') && (
            <Select
              label={t('reports.form.actor')}
              placeholder={t('reports.form.actorPlaceholder')}
              searchable
              clearable
              data={(people.data?.users ?? []).map((user) => ({
                value: user.id,
                label: t('reports.form.actorOption', { name: user.displayName, email: user.email }),
              }))}
              value={draft.actorId}
              onChange={set('actorId')}
              error={filterErrors.actorId ?? (people.isError ? t('reports.form.peopleError') : undefined)}
            />
          )}
          {applies.has('action') && (
            <TextInput
              label={t('reports.form.action')}
              placeholder={ACTION_EXAMPLE}
              value={draft.action}
              onChange={(e) => set('action')(e.currentTarget.value)}
              error={filterErrors.action}
            />
          )}
          {applies.has('entityType') && (
            <TextInput
              label={t('reports.form.entityType')}
              placeholder={RECORD_TYPE_EXAMPLE}
              value={draft.entityType}
              onChange={(e) => set('entityType')(e.currentTarget.value)}
              error={filterErrors.entityType}
            />
          )}
          {applies.has('entityId') && (
            <TextInput
              label={t('reports.form.entityId')}
              value={draft.entityId}
              onChange={(e) => set('entityId')(e.currentTarget.value)}
              error={filterErrors.entityId}
            />
          )}
        </SimpleGrid>
        {formLevelError(create.error) && (
          <Alert color="red" role="alert" title={t('reports.form.failed')}>
            {create.error?.message}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('reports.form.submit')}
          </Button>
          <Text size="sm" c="dimmed">
            {t('reports.form.note')}
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}
