import { Prisma } from '@modelgate/db';
import type { ReportFilters } from '@modelgate/domain/reports';
import type { Tx } from '../../audit/audit.repository.js';
import type { ReportColumn, ReportSection } from '../formats/report-document.js';
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
import { allOf, bool, cursorOf, date, num, sqlSection, text } from './sql-section.js';

const modelVersionColumns: readonly ReportColumn[] = [
  ...modelFactHeaders,
  { key: 'key', header: 'Key', width: 22 },
  { key: 'distribution', header: 'Distribution', width: 12 },
  { key: 'weightsSha256', header: 'Weights SHA-256', width: 20 },
  ...approvalHeaders,
  { key: 'activeDeployments', header: 'Active deployments', type: 'number', width: 8 },
  { key: 'registeredAt', header: 'Registered', type: 'datetime', width: 16 },
];

const deploymentColumns: readonly ReportColumn[] = [
  { key: 'application', header: 'Application', width: 20 },
  { key: 'team', header: 'Team', width: 14 },
  { key: 'environment', header: 'Environment', width: 11 },
  ...modelFactHeaders,
  { key: 'hostingTarget', header: 'Hosting target', width: 18 },
  { key: 'hostingMode', header: 'Hosting mode', width: 12 },
  { key: 'hostingCountry', header: 'Hosting country', width: 8 },
  { key: 'dataClassification', header: 'Data class', width: 11 },
  { key: 'personalData', header: 'Personal data', type: 'boolean', width: 8 },
  { key: 'euAiActCategory', header: 'EU AI Act', width: 11 },
  ...approvalHeaders,
  { key: 'registeredAt', header: 'Registered', type: 'datetime', width: 16 },
];

// Both the current and the rebuilt inventory select these columns under the same names.
const modelVersionRow = (r: Record<string, unknown>) => [
  ...modelFactCells(r),
  text(r.mv_key),
  text(r.distribution),
  text(r.weights_sha256),
  ...approvalCells(r),
  num(r.active_deployments),
  date(r.created_at),
];

const deploymentRow = (r: Record<string, unknown>) => [
  text(r.application),
  text(r.team),
  text(r.environment),
  ...modelFactCells(r),
  text(r.hosting_target),
  text(r.hosting_mode),
  text(r.hosting_country),
  text(r.data_classification),
  bool(r.personal_data),
  text(r.eu_ai_act),
  ...approvalCells(r),
  date(r.created_at),
];

/** The inventory as it stands in the export's snapshot. */
export async function currentInventory(tx: Tx, filters: ReportFilters): Promise<ReportSection[]> {
  const deploymentFilter = deploymentConditions(filters);
  const deployedHere = deploymentFilter.length
    ? [
        Prisma.sql`EXISTS (SELECT 1 FROM deployment d WHERE d.model_version_id = mv.id AND d.status = 'ACTIVE' AND ${allOf(deploymentFilter)})`,
      ]
    : [];
  const versions = await sqlSection(tx, {
    key: 'model-versions',
    title: 'Model versions',
    description: 'Registered model versions (retired ones left out) with their newest approval cycle.',
    columns: modelVersionColumns,
    query: Prisma.sql`
      SELECT ${modelFactColumns}, mv.distribution::text AS distribution, mv.weights_sha256, mv.created_at,
             ap.*,
             (SELECT count(*) FROM deployment d WHERE d.model_version_id = mv.id AND d.status = 'ACTIVE'
                AND ${allOf(deploymentFilter)})::int AS active_deployments,
             ${cursorOf(Prisma.sql`p.name`, Prisma.sql`mv.version_name`, Prisma.sql`mv.id::text`)} AS cursor
      FROM model_version mv JOIN provider p ON p.id = mv.provider_id
      ${latestApprovalJoin}
      WHERE mv.retired_at IS NULL AND ${allOf([...modelFactConditions(filters), ...deployedHere])}`,
    toRow: modelVersionRow,
  });
  const deployments = await sqlSection(tx, {
    key: 'deployments',
    title: 'Deployments',
    description: 'Active deployments: who runs which model version where, on which data.',
    columns: deploymentColumns,
    query: Prisma.sql`
      SELECT d.application, t.name AS team, d.environment::text AS environment, ${modelFactColumns},
             h.name AS hosting_target, h.mode::text AS hosting_mode, h.country AS hosting_country,
             d.data_classification::text AS data_classification, d.personal_data, d.eu_ai_act_category::text AS eu_ai_act,
             ap.*, d.created_at,
             ${cursorOf(Prisma.sql`d.application`, Prisma.sql`d.environment::text`, Prisma.sql`d.id::text`)} AS cursor
      FROM deployment d
      JOIN team t ON t.id = d.team_id
      JOIN hosting_target h ON h.id = d.hosting_target_id
      JOIN model_version mv ON mv.id = d.model_version_id
      JOIN provider p ON p.id = mv.provider_id
      ${latestApprovalJoin}
      WHERE d.status = 'ACTIVE' AND ${allOf([...deploymentFilter, ...modelFactConditions(filters)])}`,
    toRow: deploymentRow,
  });
  return [versions, deployments];
}

/**
 * The inventory as it stood at `end` (exclusive), rebuilt from the audit trail: each record's newest
 * successful change before then, as recorded. The audit records facts, not derivations, so effective
 * origin and license class are today's; names of teams and hosting targets are today's too.
 */
export async function inventoryAsOf(tx: Tx, filters: ReportFilters, end: Date): Promise<ReportSection[]> {
  const asOf = Prisma.sql`${end}::timestamptz`;
  // Approval state at the date: the newest cycle's recorded state, expired if its validity had passed.
  const approvalsThen = Prisma.sql`
    approvals_then AS (
      SELECT DISTINCT ON (e.entity_id) e.after
      FROM audit_event e
      WHERE e.entity_type = 'ApprovalRequest' AND e.outcome = 'SUCCESS' AND e.occurred_at < ${asOf} AND e.after ? 'state'
      ORDER BY e.entity_id, e.seq DESC
    ),
    approval_then AS (
      SELECT DISTINCT ON (a.after->>'modelVersionId') a.after->>'modelVersionId' AS model_version_id,
             'AR-' || (a.after->>'number') AS ap_reference,
             CASE WHEN a.after->>'state' IN ('APPROVED', 'APPROVED_WITH_CONDITIONS') AND (a.after->>'validUntil')::timestamptz < ${asOf}
                  THEN 'EXPIRED' ELSE a.after->>'state' END AS ap_state,
             a.after->>'riskTier' AS ap_risk_tier, (a.after->>'validUntil')::timestamptz AS ap_valid_until
      FROM approvals_then a
      WHERE a.after->>'state' NOT IN ('DRAFT', 'WITHDRAWN')
      ORDER BY a.after->>'modelVersionId', (a.after->>'number')::int DESC
    )`;
  const versionsThen = Prisma.sql`
    versions_then AS (
      SELECT DISTINCT ON (e.entity_id) e.entity_id::uuid AS id, e.after, e.occurred_at
      FROM audit_event e
      WHERE e.entity_type = 'ModelVersion' AND e.outcome = 'SUCCESS' AND e.occurred_at < ${asOf} AND e.after ? 'versionName'
      ORDER BY e.entity_id, e.seq DESC
    ),
    version_then AS (
      SELECT v.id, coalesce(pv.name, v.after->'provider'->>'name') AS mv_provider, v.after->>'versionName' AS mv_version,
             mv.key AS mv_key, v.after->>'developerCountry' AS mv_country, mv.effective_origin AS mv_origin,
             coalesce(nullif(v.after->>'concludedLicense', ''), nullif(v.after->>'declaredLicense', '')) AS mv_license,
             mv.license_class AS mv_license_class, v.after->>'distribution' AS distribution, v.after->>'weightsSha256' AS weights_sha256,
             (v.after->>'retiredAt' IS NOT NULL OR coalesce((v.after->>'retired')::boolean, false)) AS retired,
             v.after->>'developerCountry' AS developer_country, mv.effective_origin, mv.license_class
      FROM versions_then v
      JOIN model_version mv ON mv.id = v.id
      LEFT JOIN provider pv ON pv.id::text = v.after->>'providerId'
    )`;
  const deploymentsThen = Prisma.sql`
    deployments_then AS (
      SELECT DISTINCT ON (e.entity_id) e.entity_id::uuid AS id, e.after
      FROM audit_event e
      WHERE e.entity_type = 'Deployment' AND e.outcome = 'SUCCESS' AND e.occurred_at < ${asOf} AND e.after ? 'application'
      ORDER BY e.entity_id, e.seq DESC
    ),
    deployment_then AS (
      SELECT d.id, d.after->>'application' AS application, (d.after->>'teamId')::uuid AS team_id,
             d.after->>'environment' AS environment, (d.after->>'modelVersionId')::uuid AS model_version_id,
             (d.after->>'hostingTargetId')::uuid AS hosting_target_id, d.after->>'dataClassification' AS data_classification,
             (d.after->>'personalData')::boolean AS personal_data, d.after->>'euAiActCategory' AS eu_ai_act,
             d.after->>'status' AS status
      FROM deployments_then d
    )`;
  const versionFilter = modelFactConditions(filters);
  const deploymentFilter = deploymentConditions(filters);
  const deployedHere = deploymentFilter.length
    ? [
        Prisma.sql`EXISTS (SELECT 1 FROM deployment_then d WHERE d.model_version_id = mv.id AND d.status = 'ACTIVE' AND ${allOf(deploymentFilter)})`,
      ]
    : [];

  const versions = await sqlSection(tx, {
    key: 'model-versions',
    title: 'Model versions',
    description: 'Model versions registered and not retired at the date, with the approval cycle in force then.',
    columns: modelVersionColumns,
    query: Prisma.sql`
      WITH ${approvalsThen}, ${versionsThen}, ${deploymentsThen}
      SELECT mv.mv_provider, mv.mv_version, mv.mv_key, mv.mv_country, mv.mv_origin, mv.mv_license, mv.mv_license_class,
             mv.distribution, mv.weights_sha256, ap.ap_reference, ap.ap_state, ap.ap_risk_tier, ap.ap_valid_until,
             (SELECT count(*) FROM deployment_then d WHERE d.model_version_id = mv.id AND d.status = 'ACTIVE'
                AND ${allOf(deploymentFilter)})::int AS active_deployments,
             (SELECT min(e.occurred_at) FROM audit_event e WHERE e.entity_type = 'ModelVersion' AND e.entity_id = mv.id::text) AS created_at,
             ${cursorOf(Prisma.sql`mv.mv_provider`, Prisma.sql`mv.mv_version`, Prisma.sql`mv.id::text`)} AS cursor
      FROM version_then mv
      LEFT JOIN approval_then ap ON ap.model_version_id = mv.id::text
      WHERE NOT mv.retired AND ${allOf([...versionFilter, ...deployedHere])}`,
    toRow: modelVersionRow,
  });
  const deployments = await sqlSection(tx, {
    key: 'deployments',
    title: 'Deployments',
    description: 'Deployments active at the date, with the facts recorded for them then.',
    columns: deploymentColumns,
    query: Prisma.sql`
      WITH ${approvalsThen}, ${versionsThen}, ${deploymentsThen}
      SELECT d.application, t.name AS team, d.environment, mv.mv_provider, mv.mv_version, mv.mv_key, mv.mv_country,
             mv.mv_origin, mv.mv_license, mv.mv_license_class, h.name AS hosting_target, h.mode::text AS hosting_mode,
             h.country AS hosting_country, d.data_classification, d.personal_data, d.eu_ai_act,
             ap.ap_reference, ap.ap_state, ap.ap_risk_tier, ap.ap_valid_until,
             (SELECT min(e.occurred_at) FROM audit_event e WHERE e.entity_type = 'Deployment' AND e.entity_id = d.id::text) AS created_at,
             ${cursorOf(Prisma.sql`d.application`, Prisma.sql`d.environment`, Prisma.sql`d.id::text`)} AS cursor
      FROM deployment_then d
      JOIN version_then mv ON mv.id = d.model_version_id
      LEFT JOIN team t ON t.id = d.team_id
      LEFT JOIN hosting_target h ON h.id = d.hosting_target_id
      LEFT JOIN approval_then ap ON ap.model_version_id = mv.id::text
      WHERE d.status = 'ACTIVE' AND ${allOf([...deploymentFilter, ...versionFilter])}`,
    toRow: deploymentRow,
  });
  return [versions, deployments];
}
