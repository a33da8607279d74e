import { Prisma } from '@modelgate/db';
import type { ReportFilters } from '@modelgate/domain/reports';
import type { ReportColumn } from '../formats/report-document.js';
import { date, list, text } from './sql-section.js';

/** States that say nothing about whether a model may be used: unfinished or abandoned requests. */
const NOT_A_DECISION = Prisma.sql`ARRAY['DRAFT', 'WITHDRAWN']::text[]`;

/**
 * The newest approval cycle of each model version that reached at least submission, with its state as
 * it stands (an approval whose validity has passed reads EXPIRED even before the expiry job has run).
 * Joined LATERAL on `mv`; columns prefixed `ap_`.
 */
export const latestApprovalJoin = Prisma.sql`
  LEFT JOIN LATERAL (
    SELECT ar.id AS ap_id, 'AR-' || ar.number AS ap_reference,
           CASE WHEN ar.state::text IN ('APPROVED', 'APPROVED_WITH_CONDITIONS') AND ar.valid_until < now()
                THEN 'EXPIRED' ELSE ar.state::text END AS ap_state,
           ar.risk_tier::text AS ap_risk_tier, ar.valid_until AS ap_valid_until
    FROM approval_request ar
    WHERE ar.model_version_id = mv.id AND NOT (ar.state::text = ANY(${NOT_A_DECISION}))
    ORDER BY ar.number DESC
    LIMIT 1
  ) ap ON true`;

/** The facts of `mv` (joined with its provider `p`) that every report repeats; columns prefixed `mv_`. */
export const modelFactColumns = Prisma.sql`
  p.name AS mv_provider, mv.version_name AS mv_version, mv.key AS mv_key, mv.developer_country AS mv_country,
  mv.effective_origin AS mv_origin, coalesce(mv.concluded_license, nullif(mv.declared_license, '')) AS mv_license,
  mv.license_class AS mv_license_class`;

export const modelFactHeaders: readonly ReportColumn[] = [
  { key: 'provider', header: 'Provider', width: 16 },
  { key: 'modelVersion', header: 'Model version', width: 26 },
  { key: 'developerCountry', header: 'Developer country', width: 9 },
  { key: 'effectiveOrigin', header: 'Effective origin', width: 10 },
  { key: 'license', header: 'License', width: 18 },
  { key: 'licenseClass', header: 'License class', width: 14 },
];

export const modelFactCells = (record: Record<string, unknown>) => [
  text(record.mv_provider),
  text(record.mv_version),
  text(record.mv_country),
  list(record.mv_origin),
  text(record.mv_license),
  text(record.mv_license_class),
];

export const approvalHeaders: readonly ReportColumn[] = [
  { key: 'approval', header: 'Approval', width: 9 },
  { key: 'approvalState', header: 'Approval state', width: 14 },
  { key: 'riskTier', header: 'Risk tier', width: 9 },
  { key: 'approvedUntil', header: 'Approved until', type: 'date', width: 11 },
];

export const approvalCells = (record: Record<string, unknown>) => [
  text(record.ap_reference),
  text(record.ap_state) ?? 'NONE',
  text(record.ap_risk_tier),
  date(record.ap_valid_until),
];

/** Filters on the model version's facts (`mv`); the risk-tier filter needs `latestApprovalJoin`. */
export function modelFactConditions(filters: ReportFilters, options: { riskTier?: Prisma.Sql } = {}): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filters.developerCountries.length)
    conditions.push(Prisma.sql`mv.developer_country = ANY(${filters.developerCountries}::text[])`);
  if (filters.effectiveOrigins.length)
    conditions.push(Prisma.sql`mv.effective_origin && ${filters.effectiveOrigins}::varchar(2)[]`);
  if (filters.licenseClasses.length) conditions.push(Prisma.sql`mv.license_class = ANY(${filters.licenseClasses}::text[])`);
  if (filters.riskTiers.length)
    conditions.push(Prisma.sql`${options.riskTier ?? Prisma.sql`ap.ap_risk_tier`} = ANY(${filters.riskTiers}::text[])`);
  return conditions;
}

/** Filters on a deployment `d` (team and environment). */
export function deploymentConditions(filters: ReportFilters, alias = Prisma.sql`d`): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filters.teamIds.length) conditions.push(Prisma.sql`${alias}.team_id = ANY(${filters.teamIds}::uuid[])`);
  if (filters.environments.length) conditions.push(Prisma.sql`${alias}.environment::text = ANY(${filters.environments}::text[])`);
  return conditions;
}
