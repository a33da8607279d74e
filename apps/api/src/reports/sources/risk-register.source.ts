import { Prisma } from '@modelgate/db';
import type { ReportFilters } from '@modelgate/domain/reports';
import type { Tx } from '../../audit/audit.repository.js';
import type { ReportSection } from '../formats/report-document.js';
import {
  approvalCells,
  approvalHeaders,
  deploymentConditions,
  latestApprovalJoin,
  modelFactCells,
  modelFactColumns,
  modelFactConditions,
  modelFactHeaders,
} from './model-facts.sql.js';
import { allOf, cursorOf, date, list, num, sqlSection, text } from './sql-section.js';

/** Sorts the worst risks first; versions never assessed come right after critical ones. */
const tierRank = Prisma.sql`CASE ap.ap_risk_tier WHEN 'CRITICAL' THEN '0' WHEN 'HIGH' THEN '2' WHEN 'MEDIUM' THEN '3' WHEN 'LOW' THEN '4' ELSE '1' END`;

/** Model versions in use: with an active deployment matching the team and environment filters. */
function inUse(filters: ReportFilters): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM deployment d WHERE d.model_version_id = mv.id AND d.status = 'ACTIVE'
    AND ${allOf(deploymentConditions(filters))})`;
}

export async function riskRegister(tx: Tx, filters: ReportFilters): Promise<ReportSection[]> {
  const where = allOf([Prisma.sql`mv.retired_at IS NULL`, inUse(filters), ...modelFactConditions(filters)]);
  const cursor = cursorOf(tierRank, Prisma.sql`p.name`, Prisma.sql`mv.version_name`, Prisma.sql`mv.id::text`);
  const risks = await sqlSection(tx, {
    key: 'risks',
    title: 'Risk register',
    description:
      'Every model version in use, worst risk first: its current approval cycle, open findings, required mitigations and when it must be reviewed again.',
    columns: [
      ...modelFactHeaders,
      { key: 'activeDeployments', header: 'Deployments', type: 'number', width: 7 },
      { key: 'environments', header: 'Environments', width: 14 },
      { key: 'dataClassifications', header: 'Data classes', width: 14 },
      ...approvalHeaders,
      { key: 'findings', header: 'Open findings', width: 40 },
      { key: 'mitigations', header: 'Required mitigations', width: 34 },
      { key: 'nextReview', header: 'Next review by', type: 'date', width: 11 },
    ],
    query: Prisma.sql`
      SELECT ${modelFactColumns}, ap.*,
             (SELECT count(*) FROM deployment d WHERE d.model_version_id = mv.id AND d.status = 'ACTIVE'
                AND ${allOf(deploymentConditions(filters))})::int AS active_deployments,
             (SELECT array_agg(DISTINCT d.environment::text ORDER BY d.environment::text) FROM deployment d
                WHERE d.model_version_id = mv.id AND d.status = 'ACTIVE' AND ${allOf(deploymentConditions(filters))}) AS environments,
             (SELECT array_agg(DISTINCT d.data_classification::text ORDER BY d.data_classification::text) FROM deployment d
                WHERE d.model_version_id = mv.id AND d.status = 'ACTIVE' AND ${allOf(deploymentConditions(filters))}) AS data_classes,
             (SELECT array_agg(r.category || ' (' || coalesce(r.tier::text, 'not rated') || '): ' || r.findings ORDER BY r.category)
                FROM risk_review r WHERE r.request_id = ap.ap_id AND nullif(trim(r.findings), '') IS NOT NULL) AS findings,
             (SELECT array_agg(m ORDER BY r.category) FROM risk_review r, unnest(r.mitigations) AS m
                WHERE r.request_id = ap.ap_id) AS mitigations,
             ${cursor} AS cursor
      FROM model_version mv JOIN provider p ON p.id = mv.provider_id
      ${latestApprovalJoin}
      WHERE ${where}`,
    toRow: (r) => [
      ...modelFactCells(r),
      num(r.active_deployments),
      list(r.environments),
      list(r.data_classes),
      ...approvalCells(r),
      list(r.findings, '\n'),
      list(r.mitigations, '\n'),
      ['APPROVED', 'APPROVED_WITH_CONDITIONS', 'SUSPENDED'].includes(String(r.ap_state)) ? date(r.ap_valid_until) : null,
    ],
  });
  const findings = await sqlSection(tx, {
    key: 'findings',
    title: 'Findings by review',
    description: 'The risk reviews of each in-use version’s current approval cycle, one row per review category.',
    columns: [
      { key: 'provider', header: 'Provider', width: 16 },
      { key: 'modelVersion', header: 'Model version', width: 26 },
      { key: 'approval', header: 'Approval', width: 9 },
      { key: 'category', header: 'Category', width: 18 },
      { key: 'reviewer', header: 'Reviewer', width: 18 },
      { key: 'likelihood', header: 'Likelihood', type: 'number', width: 7 },
      { key: 'impact', header: 'Impact', type: 'number', width: 7 },
      { key: 'tier', header: 'Tier', width: 9 },
      { key: 'findings', header: 'Findings', width: 40 },
      { key: 'mitigations', header: 'Required mitigations', width: 34 },
      { key: 'signedOffAt', header: 'Signed off', type: 'datetime', width: 16 },
    ],
    query: Prisma.sql`
      SELECT p.name AS provider, mv.version_name, ap.ap_reference, r.category, u.display_name AS reviewer,
             r.likelihood, r.impact, r.tier::text AS tier, r.findings, r.mitigations, r.signed_off_at,
             ${cursorOf(tierRank, Prisma.sql`p.name`, Prisma.sql`mv.version_name`, Prisma.sql`mv.id::text`, Prisma.sql`r.category`)} AS cursor
      FROM model_version mv JOIN provider p ON p.id = mv.provider_id
      ${latestApprovalJoin}
      JOIN risk_review r ON r.request_id = ap.ap_id
      JOIN app_user u ON u.id = r.reviewer_id
      WHERE ${where}`,
    toRow: (r) => [
      text(r.provider),
      text(r.version_name),
      text(r.ap_reference),
      text(r.category),
      text(r.reviewer),
      num(r.likelihood),
      num(r.impact),
      text(r.tier),
      text(r.findings),
      list(r.mitigations, '\n'),
      date(r.signed_off_at),
    ],
  });
  return [risks, findings];
}
