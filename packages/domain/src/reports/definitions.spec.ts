import { describe, expect, it } from '@jest/globals';
import { asOfInstant, createReportExportInputSchema, periodOf } from './definitions.js';

const issuesOf = (input: unknown) => {
  const result = createReportExportInputSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
};

describe('report export requests', () => {
  it('fills in empty filters and accepts the formats each report offers', () => {
    expect(createReportExportInputSchema.parse({ type: 'INVENTORY', format: 'XLSX' }).filters).toMatchObject({
      from: null,
      asOf: null,
      teamIds: [],
      environments: [],
    });
    expect(issuesOf({ type: 'ML_BOM', format: 'CYCLONEDX', filters: { application: 'Fraud triage' } })).toEqual([]);
    expect(issuesOf({ type: 'ML_BOM', format: 'CSV', filters: { application: 'Fraud triage' } })).toEqual([
      ['format', 'must be one of CYCLONEDX for this report'],
    ]);
    expect(issuesOf({ type: 'APPROVALS', format: 'CYCLONEDX' })).toEqual([
      ['format', 'must be one of CSV, XLSX, PDF, JSON for this report'],
    ]);
  });

  it('refuses filters the report does not use, a backwards period and a BOM without a subject', () => {
    expect(issuesOf({ type: 'RISK_REGISTER', format: 'CSV', filters: { from: '2026-01-01' } })).toEqual([
      ['filters.from', 'does not apply to the risk register report'],
    ]);
    expect(issuesOf({ type: 'AUDIT_TRAIL', format: 'CSV', filters: { from: '2026-02-01', to: '2026-01-01' } })).toEqual([
      ['filters.to', 'must not be before the start of the period'],
    ]);
    expect(issuesOf({ type: 'ML_BOM', format: 'CYCLONEDX' })).toEqual([
      ['filters.application', 'name an application, or choose exactly one team'],
    ]);
    expect(issuesOf({ type: 'INVENTORY', format: 'CSV', filters: { asOf: 'yesterday' } })[0]?.[0]).toBe('filters.asOf');
    expect(issuesOf({ type: 'INVENTORY', format: 'CSV', filters: { asOf: '2999-01-01' } })).toEqual([
      ['filters.asOf', 'must not be in the future'],
    ]);
  });

  it('reads periods as whole UTC days and as-of dates as the end of the day (or the instant given)', () => {
    expect(periodOf({ from: '2026-07-01', to: '2026-09-30' })).toEqual({
      start: new Date('2026-07-01T00:00:00Z'),
      end: new Date('2026-10-01T00:00:00Z'),
    });
    expect(asOfInstant('2026-06-30')).toEqual(new Date('2026-07-01T00:00:00Z'));
    expect(asOfInstant('2026-06-30T12:00:00Z')).toEqual(new Date('2026-06-30T12:00:00Z'));
  });
});
