import { Prisma } from '@modelgate/db';
import { periodOf, type ReportFilters } from '@modelgate/domain/reports';
import type { Tx } from '../../audit/audit.repository.js';
import type { ReportSection } from '../formats/report-document.js';
import {
  deploymentConditions,
  modelFactCells,
  modelFactColumns,
  modelFactConditions,
  modelFactHeaders,
} from './model-facts.sql.js';
import { allOf, cursorOf, date, list, num, sortableNumber, sqlSection, text } from './sql-section.js';

const timeKey = (column: Prisma.Sql) => Prisma.sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSMS')`;

/** Rows whose lifetime [since, until) overlaps the period; `until` null means still open. */
function overlapsPeriod(filters: ReportFilters, since: Prisma.Sql, until: Prisma.Sql): Prisma.Sql[] {
  const { start, end } = periodOf(filters);
  return [
    ...(end ? [Prisma.sql`${since} < ${end}`] : []),
    ...(start ? [Prisma.sql`(${until} IS NULL OR ${until} >= ${start})`] : []),
  ];
}

function withinPeriod(filters: ReportFilters, column: Prisma.Sql): Prisma.Sql[] {
  const { start, end } = periodOf(filters);
  return [...(start ? [Prisma.sql`${column} >= ${start}`] : []), ...(end ? [Prisma.sql`${column} < ${end}`] : [])];
}

export async function policyComplianceReport(tx: Tx, filters: ReportFilters): Promise<ReportSection[]> {
  const violations = await sqlSection(tx, {
    key: 'violations',
    title: 'Violations and drift',
    description:
      'Deployments found breaking the policy in force (denied, or not covered by an approval) that were open at any time in the period, with how each was resolved.',
    columns: [
      { key: 'detectedAt', header: 'Detected', type: 'datetime', width: 16 },
      { key: 'resolvedAt', header: 'Resolved', type: 'datetime', width: 16 },
      { key: 'kind', header: 'Kind', width: 12 },
      { key: 'application', header: 'Application', width: 20 },
      { key: 'team', header: 'Team', width: 14 },
      { key: 'environment', header: 'Environment', width: 11 },
      ...modelFactHeaders,
      { key: 'policyVersion', header: 'Policy version', type: 'number', width: 7 },
      { key: 'message', header: 'Why', width: 40 },
      { key: 'resolution', header: 'Resolution', width: 30 },
    ],
    query: Prisma.sql`
      SELECT v.detected_at, v.resolved_at, v.kind, d.application, t.name AS team, d.environment::text AS environment,
             ${modelFactColumns}, v.policy_version, v.message, v.resolution,
             ${cursorOf(timeKey(Prisma.sql`v.detected_at`), Prisma.sql`v.id::text`)} AS cursor
      FROM policy_violation v
      JOIN deployment d ON d.id = v.deployment_id
      JOIN team t ON t.id = d.team_id
      JOIN model_version mv ON mv.id = d.model_version_id
      JOIN provider p ON p.id = mv.provider_id
      WHERE ${allOf([
        ...overlapsPeriod(filters, Prisma.sql`v.detected_at`, Prisma.sql`v.resolved_at`),
        ...deploymentConditions(filters),
        ...modelFactConditions(filters),
      ])}`,
    toRow: (r) => [
      date(r.detected_at),
      date(r.resolved_at),
      text(r.kind),
      text(r.application),
      text(r.team),
      text(r.environment),
      ...modelFactCells(r),
      num(r.policy_version),
      text(r.message),
      text(r.resolution),
    ],
  });

  const exceptionTeam = filters.teamIds.length ? [Prisma.sql`x.team_id = ANY(${filters.teamIds}::uuid[])`] : [];
  const exceptionEnvironment = filters.environments.length
    ? [Prisma.sql`x.environments::text[] && ${filters.environments}::text[]`]
    : [];
  const exceptions = await sqlSection(tx, {
    key: 'exceptions',
    title: 'Exceptions',
    description:
      'Time-boxed exceptions to the policy that existed in the period, with their scope, the rules they waive, both approvers and their state (EXPIRED once their end has passed).',
    columns: [
      { key: 'reference', header: 'Exception', width: 8 },
      ...modelFactHeaders,
      { key: 'team', header: 'Team', width: 14 },
      { key: 'environments', header: 'Environments', width: 14 },
      { key: 'maxDataClassification', header: 'Highest data class', width: 11 },
      { key: 'rules', header: 'Rules waived', width: 20 },
      { key: 'justification', header: 'Justification', width: 34 },
      { key: 'controls', header: 'Compensating controls', width: 30 },
      { key: 'state', header: 'State', width: 10 },
      { key: 'requestedBy', header: 'Requested by', width: 16 },
      { key: 'firstApprover', header: 'First approver', width: 16 },
      { key: 'secondApprover', header: 'Second approver', width: 16 },
      { key: 'grantedAt', header: 'Granted', type: 'datetime', width: 16 },
      { key: 'expiresAt', header: 'Ends', type: 'datetime', width: 16 },
    ],
    query: Prisma.sql`
      SELECT 'EX-' || x.number AS reference, ${modelFactColumns}, t.name AS team, x.environments::text[] AS environments,
             x.max_data_classification::text AS max_data, x.rule_ids, x.justification, x.compensating_controls,
             CASE WHEN x.state = 'GRANTED' AND x.expires_at < now() THEN 'EXPIRED' ELSE x.state END AS state,
             requester.display_name AS requested_by, first.display_name AS first_approver,
             second.display_name AS second_approver, x.granted_at, x.expires_at,
             ${cursorOf(sortableNumber(Prisma.sql`x.number`, 10))} AS cursor
      FROM policy_exception x
      JOIN model_version mv ON mv.id = x.model_version_id
      JOIN provider p ON p.id = mv.provider_id
      LEFT JOIN team t ON t.id = x.team_id
      LEFT JOIN app_user requester ON requester.id = x.requested_by_id
      LEFT JOIN app_user first ON first.id = x.first_approver_id
      LEFT JOIN app_user second ON second.id = x.second_approver_id
      WHERE ${allOf([
        ...overlapsPeriod(filters, Prisma.sql`x.created_at`, Prisma.sql`x.expires_at`),
        ...exceptionTeam,
        ...exceptionEnvironment,
        ...modelFactConditions(filters),
      ])}`,
    toRow: (r) => [
      text(r.reference),
      ...modelFactCells(r),
      text(r.team) ?? 'Every team',
      list(r.environments),
      text(r.max_data),
      list(r.rule_ids),
      text(r.justification),
      list(r.compensating_controls, '\n'),
      text(r.state),
      text(r.requested_by),
      text(r.first_approver),
      text(r.second_approver),
      date(r.granted_at),
      date(r.expires_at),
    ],
  });

  const decisionTeam = filters.teamIds.length
    ? [Prisma.sql`(g.question->>'teamId')::uuid = ANY(${filters.teamIds}::uuid[])`]
    : [];
  const decisionEnvironment = filters.environments.length
    ? [Prisma.sql`g.question->>'environment' = ANY(${filters.environments}::text[])`]
    : [];
  const decisions = await sqlSection(tx, {
    key: 'gate-decisions',
    title: 'CI gate decisions',
    description: 'Every question the decision API answered in the period: what was asked, the answer and why.',
    columns: [
      { key: 'decidedAt', header: 'Decided', type: 'datetime', width: 16 },
      { key: 'decision', header: 'Decision', width: 10 },
      ...modelFactHeaders,
      { key: 'environment', header: 'Environment', width: 11 },
      { key: 'hostingTarget', header: 'Hosting target', width: 18 },
      { key: 'dataClassification', header: 'Data class', width: 11 },
      { key: 'reasons', header: 'Reasons', width: 44 },
      { key: 'policyVersion', header: 'Policy version', type: 'number', width: 7 },
      { key: 'approval', header: 'Approval', width: 8 },
      { key: 'exception', header: 'Exception', width: 8 },
      { key: 'askedBy', header: 'Asked by', width: 18 },
      { key: 'channel', header: 'Channel', width: 8 },
    ],
    query: Prisma.sql`
      SELECT g.created_at, g.decision, ${modelFactColumns}, g.question->>'environment' AS environment,
             coalesce(h.name, g.question->>'hostingTarget') AS hosting_target, g.question->>'dataClassification' AS data_class,
             (SELECT array_agg(reason->>'message') FROM jsonb_array_elements(g.reasons) AS reason) AS reasons,
             g.policy_version, 'AR-' || ar.number AS approval, 'EX-' || x.number AS exception,
             g.actor_label, g.channel,
             ${cursorOf(timeKey(Prisma.sql`g.created_at`), Prisma.sql`g.id::text`)} AS cursor
      FROM policy_decision g
      LEFT JOIN model_version mv ON mv.id = g.model_version_id
      LEFT JOIN provider p ON p.id = mv.provider_id
      LEFT JOIN hosting_target h ON h.id::text = g.question->>'hostingTargetId'
      LEFT JOIN approval_request ar ON ar.id = g.approval_request_id
      LEFT JOIN policy_exception x ON x.id = g.exception_id
      WHERE ${allOf([
        ...withinPeriod(filters, Prisma.sql`g.created_at`),
        ...decisionTeam,
        ...decisionEnvironment,
        ...modelFactConditions(filters),
      ])}`,
    toRow: (r) => [
      date(r.created_at),
      text(r.decision),
      ...modelFactCells(r),
      text(r.environment),
      text(r.hosting_target),
      text(r.data_class),
      list(r.reasons, '\n'),
      num(r.policy_version),
      text(r.approval),
      text(r.exception),
      text(r.actor_label),
      text(r.channel),
    ],
  });
  return [violations, exceptions, decisions];
}
