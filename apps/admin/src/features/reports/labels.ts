import type { LicenseClass } from '@modelgate/domain/inventory';
import { PERIOD_PRESETS, type ReportFormat, type ReportType } from '@modelgate/domain/reports';
import type { ReportExportStatus, RiskTier } from '../../gql/graphql';
import { formatCountry } from '../../i18n/format';
import { riskTierLabels } from '../approvals/labels';
import { approvalStateLabels, environmentLabels, licenseClassLabels } from '../inventory/labels';
import { t } from './messages';

export const reportTypeTitle = (type: ReportType): string => t(`reports.type.${type}`);
export const reportTypeDescription = (type: ReportType): string => t(`reports.type.${type}.description`);

/** The format as the form offers it ("Excel workbook (one sheet per section)"), or short for a list. */
export const formatLabel = (format: ReportFormat, short = false): string =>
  short ? t(`reports.formatShort.${format}`) : t(`reports.format.${format}`);

export const periodPresetOptions = () =>
  PERIOD_PRESETS.map((preset) => ({ value: preset.value, label: t(`reports.period.${preset.value}`) }));

const STATUS_COLORS: Record<ReportExportStatus, string> = { QUEUED: 'gray', RUNNING: 'blue', READY: 'teal', FAILED: 'red' };

/** A status in words (colour only repeats them) and what it means for the person waiting. */
export function exportStatusInfo(status: ReportExportStatus): { label: string; color: string; description: string } {
  return {
    label: t(`reports.status.${status}`),
    color: STATUS_COLORS[status],
    description: t(`reports.status.${status}.description`),
  };
}

type Filters = Partial<{
  from: string | null;
  to: string | null;
  asOf: string | null;
  teamIds: string[];
  environments: string[];
  developerCountries: string[];
  effectiveOrigins: string[];
  licenseClasses: string[];
  riskTiers: string[];
  states: string[];
  actorId: string | null;
  action: string | null;
  entityType: string | null;
  entityId: string | null;
  application: string | null;
}>;

const asFilters = (value: unknown): Filters => (typeof value === 'object' && value !== null ? value : {});
const list = (values: readonly string[] | undefined, label: (value: string) => string) =>
  values && values.length > 0 ? values.map(label).join(', ') : null;

/** What an export holds, in words: "From 2026-07-01 to 2026-09-30 (UTC); 2 teams; Environments: Production". */
export function filterSummary(value: unknown): string {
  const filters = asFilters(value);
  const parts: string[] = [];
  if (filters.from && filters.to) parts.push(t('reports.filter.period', { from: filters.from, to: filters.to }));
  else if (filters.from) parts.push(t('reports.filter.from', { from: filters.from }));
  else if (filters.to) parts.push(t('reports.filter.to', { to: filters.to }));
  if (filters.asOf) parts.push(t('reports.filter.asOf', { day: filters.asOf }));
  if (filters.application) parts.push(t('reports.filter.application', { value: filters.application }));
  if (filters.teamIds?.length) parts.push(t('reports.filter.teams', { count: filters.teamIds.length }));
  const lists = [
    ['environments', list(filters.environments, (env) => environmentLabels[env as keyof typeof environmentLabels] ?? env)],
    ['developerCountries', list(filters.developerCountries, formatCountry)],
    ['effectiveOrigins', list(filters.effectiveOrigins, formatCountry)],
    ['licenseClasses', list(filters.licenseClasses, (name) => licenseClassLabels[name as LicenseClass] ?? name)],
    ['riskTiers', list(filters.riskTiers, (tier) => riskTierLabels[tier as RiskTier] ?? tier)],
    ['states', list(filters.states, (state) => approvalStateLabels[state] ?? state)],
  ] as const;
  for (const [name, values] of lists) if (values) parts.push(t(`reports.filter.${name}`, { values }));
  if (filters.actorId) parts.push(t('reports.filter.actor'));
  if (filters.action) parts.push(t('reports.filter.action', { value: filters.action }));
  if (filters.entityType) parts.push(t('reports.filter.entityType', { value: filters.entityType }));
  if (filters.entityId) parts.push(t('reports.filter.entityId', { value: filters.entityId }));
  return parts.length ? parts.join('; ') : t('reports.filter.none');
}
