import { Alert, Button, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { REQUEST_STATES, RISK_TIERS } from '@modelgate/domain/approvals';
import { Environment, LicenseClass } from '@modelgate/domain/inventory';
import {
  createReportExportInputSchema,
  PERIOD_PRESETS,
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
import { approvalStateLabels, environmentLabels, licenseClassLabels, optionsOf } from '../../inventory/labels';
import { countryOptions } from '../../inventory/components/form-parts';
import { formLevelError, serverFieldErrors, zodFieldErrors, type FieldErrors } from '../../inventory/form-errors';
import { inventoryQueries } from '../../inventory/queries';
import { riskTierLabels } from '../../approvals/labels';
import { peopleQueries } from '../../people/queries';
import { QueryError } from '../../../components/query-error';
import { downloadBundle, useCreateReportExport } from '../queries';

const FORMAT_LABELS: Record<ReportFormat, string> = {
  CSV: 'CSV (one file per section)',
  XLSX: 'Excel workbook (one sheet per section)',
  PDF: 'PDF (readable, up to 10,000 rows)',
  JSON: 'JSON',
  CYCLONEDX: 'CycloneDX 1.6 ML-BOM (JSON)',
};

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
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useCreateReportExport();
  const applies = new Set<ReportFilterName>(REPORT_TYPE_INFO[draft.type].filters);
  const teams = useQuery({ ...inventoryQueries.teams(), enabled: applies.has('teamIds') });
  const people = useQuery({ ...peopleQueries.list(), enabled: applies.has('actorId') });

  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((current) => ({ ...current, [key]: value }));
  const error = (name: string) => errors[`filters.${name}`];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = toInput(draft);
    const parsed = createReportExportInputSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    create.mutate(input, {
      onSuccess: ({ createReportExport: view }) => {
        if (view.status === 'READY') {
          showNotice('Report ready', `${view.fileName} is downloading.`);
          downloadBundle(view);
        } else {
          showNotice('Export started', 'It is large, so it runs in the background; it appears under Your exports when ready.');
        }
      },
      onError: (failure) => setErrors(serverFieldErrors(failure)),
    });
  };

  const period = applies.has('from') && (
    <Group align="flex-end" wrap="wrap">
      <Select
        label="Period"
        data={PERIOD_PRESETS.map((preset) => ({ value: preset.value, label: preset.label }))}
        placeholder="Choose a period"
        onChange={(value) => value && setDraft((current) => ({ ...current, ...presetPeriod(value, new Date()) }))}
        w={200}
      />
      <TextInput
        label="From (UTC)"
        type="date"
        value={draft.from}
        onChange={(e) => set('from')(e.currentTarget.value)}
        error={error('from')}
      />
      <TextInput
        label="To (UTC)"
        type="date"
        value={draft.to}
        onChange={(e) => set('to')(e.currentTarget.value)}
        error={error('to')}
      />
    </Group>
  );

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-label="Export a report">
      <Stack>
        <Title order={2} size="h4">
          Export a report
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Select
            label="Report"
            data={REPORT_TYPES.map((type) => ({ value: type, label: REPORT_TYPE_INFO[type].title }))}
            value={draft.type}
            allowDeselect={false}
            onChange={(value) => value && setDraft(emptyDraft(value))}
          />
          <Select
            label="Format"
            data={REPORT_TYPE_INFO[draft.type].formats.map((format) => ({ value: format, label: FORMAT_LABELS[format] }))}
            value={draft.format}
            allowDeselect={false}
            onChange={(value) => value && set('format')(value)}
            error={errors.format}
          />
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          {REPORT_TYPE_INFO[draft.type].description}
        </Text>
        {period}
        {applies.has('asOf') && (
          <TextInput
            label="As of (UTC day)"
            description="Leave empty for today's inventory; a past day is rebuilt from the audit trail as it stood at the end of that day."
            type="date"
            value={draft.asOf}
            onChange={(e) => set('asOf')(e.currentTarget.value)}
            error={error('asOf')}
            maw={320}
          />
        )}
        {applies.has('application') && (
          <TextInput
            label="Application"
            description="Exactly as named on its deployments. Or choose one team instead."
            value={draft.application}
            onChange={(e) => set('application')(e.currentTarget.value)}
            error={error('application')}
            maw={420}
          />
        )}
        <SimpleGrid cols={{ base: 1, md: 2, lg: 3 }}>
          {applies.has('teamIds') &&
            (teams.isError ? (
              <QueryError title="Could not load the teams" error={teams.error} onRetry={() => void teams.refetch()} />
            ) : (
              <MultiSelect
                label="Teams"
                placeholder="All teams"
                searchable
                data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
                value={draft.teamIds}
                onChange={set('teamIds')}
                error={error('teamIds')}
              />
            ))}
          {applies.has('environments') && (
            <MultiSelect
              label="Environments"
              placeholder="All environments"
              data={optionsOf(environmentLabels).filter((option) => Object.values(Environment).includes(option.value))}
              value={draft.environments}
              onChange={set('environments')}
            />
          )}
          {applies.has('developerCountries') && (
            <MultiSelect
              label="Developer country"
              placeholder="All countries"
              searchable
              data={countryOptions()}
              value={draft.developerCountries}
              onChange={set('developerCountries')}
            />
          )}
          {applies.has('effectiveOrigins') && (
            <MultiSelect
              label="Effective origin"
              description="Any country in the model's lineage"
              placeholder="All countries"
              searchable
              data={countryOptions()}
              value={draft.effectiveOrigins}
              onChange={set('effectiveOrigins')}
            />
          )}
          {applies.has('licenseClasses') && (
            <MultiSelect
              label="License class"
              placeholder="All license classes"
              data={optionsOf(licenseClassLabels).filter((option) => Object.values(LicenseClass).includes(option.value))}
              value={draft.licenseClasses}
              onChange={set('licenseClasses')}
            />
          )}
          {applies.has('riskTiers') && (
            <MultiSelect
              label="Risk tier"
              placeholder="All tiers"
              data={RISK_TIERS.map((tier) => ({ value: tier, label: riskTierLabels[tier] }))}
              value={draft.riskTiers}
              onChange={set('riskTiers')}
            />
          )}
          {applies.has('states') && (
            <MultiSelect
              label="Approval state"
              placeholder="All states"
              data={REQUEST_STATES.map((state) => ({ value: state, label: approvalStateLabels[state] ?? state }))}
              value={draft.states}
              onChange={set('states')}
            />
          )}
          {applies.has('actorId') && (
            <Select
              label="Actor"
              placeholder="Anyone"
              searchable
              clearable
              data={(people.data?.users ?? []).map((user) => ({ value: user.id, label: `${user.displayName} (${user.email})` }))}
              value={draft.actorId}
              onChange={set('actorId')}
              error={error('actorId')}
            />
          )}
          {applies.has('action') && (
            <TextInput
              label="Action"
              placeholder="approval_vote.approve"
              value={draft.action}
              onChange={(e) => set('action')(e.currentTarget.value)}
              error={error('action')}
            />
          )}
          {applies.has('entityType') && (
            <TextInput
              label="Record type"
              placeholder="ApprovalRequest"
              value={draft.entityType}
              onChange={(e) => set('entityType')(e.currentTarget.value)}
              error={error('entityType')}
            />
          )}
          {applies.has('entityId') && (
            <TextInput
              label="Record id"
              value={draft.entityId}
              onChange={(e) => set('entityId')(e.currentTarget.value)}
              error={error('entityId')}
            />
          )}
        </SimpleGrid>
        {formLevelError(create.error) && (
          <Alert color="red" role="alert" title="The export could not be made">
            {create.error?.message}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={create.isPending}>
            Export
          </Button>
          <Text size="sm" c="dimmed">
            Exports of up to 5,000 rows download at once; larger ones run in the background.
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}
