import { countryName, isCountryCode } from '@modelgate/domain/inventory';
import { REPORT_TYPE_INFO, ReportType, type CreateReportExportInput } from '@modelgate/domain/reports';

export type ScopeNames = { teams: ReadonlyMap<string, string>; people: ReadonlyMap<string, string> };

type ScopeLine = { label: string; value: string };

const countries = (codes: readonly string[]) =>
  codes.map((code) => (isCountryCode(code) ? `${countryName(code)} (${code})` : code)).join(', ');

const asOfWords = (asOf: string) => (/^\d{4}-\d{2}-\d{2}$/.test(asOf) ? `end of ${asOf} (UTC)` : asOf);

/** The report's filters in words, for cover pages and "About" sheets; unset filters read "all". */
export function describeScope(input: CreateReportExportInput, names: ScopeNames): ScopeLine[] {
  const { filters } = input;
  const applies = new Set<string>(REPORT_TYPE_INFO[input.type].filters);
  const lines: ScopeLine[] = [{ label: 'Report', value: REPORT_TYPE_INFO[input.type].title }];
  if (input.type === ReportType.Inventory) {
    lines.push({ label: 'As of', value: filters.asOf ? `${asOfWords(filters.asOf)}, rebuilt from the audit trail` : 'now' });
  }
  if (applies.has('from')) {
    const period =
      filters.from || filters.to ? `${filters.from ?? 'the beginning'} to ${filters.to ?? 'today'} (UTC, inclusive)` : 'all time';
    lines.push({ label: 'Period', value: period });
  }
  const listed = (label: string, values: readonly string[], all = 'all') =>
    lines.push({ label, value: values.length ? values.join(', ') : all });
  if (input.type === ReportType.MlBom) {
    if (filters.application) lines.push({ label: 'Application', value: filters.application });
  }
  if (applies.has('teamIds'))
    listed(
      'Teams',
      filters.teamIds.map((id) => names.teams.get(id) ?? id),
    );
  if (applies.has('environments')) listed('Environments', filters.environments);
  if (applies.has('developerCountries'))
    lines.push({
      label: 'Developer countries',
      value: filters.developerCountries.length ? countries(filters.developerCountries) : 'all',
    });
  if (applies.has('effectiveOrigins'))
    lines.push({
      label: 'Effective origin',
      value: filters.effectiveOrigins.length ? countries(filters.effectiveOrigins) : 'all',
    });
  if (applies.has('licenseClasses')) listed('License classes', filters.licenseClasses);
  if (applies.has('riskTiers')) listed('Risk tiers', filters.riskTiers);
  if (applies.has('states')) listed('Approval states', filters.states);
  if (applies.has('actorId'))
    lines.push({ label: 'Actor', value: filters.actorId ? (names.people.get(filters.actorId) ?? filters.actorId) : 'anyone' });
  if (applies.has('action')) lines.push({ label: 'Action', value: filters.action ?? 'all' });
  if (applies.has('entityType'))
    lines.push({
      label: 'Record',
      value: filters.entityType || filters.entityId ? [filters.entityType, filters.entityId].filter(Boolean).join(' ') : 'all',
    });
  return lines;
}
