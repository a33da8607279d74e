import { Prisma } from '@modelgate/db';
import { approvalConditionsSchema, describeCondition } from '@modelgate/domain/approvals';
import { periodOf, type ReportFilters } from '@modelgate/domain/reports';
import type { Tx } from '../../audit/audit.repository.js';
import type { ReportSection } from '../formats/report-document.js';
import { modelFactCells, modelFactColumns, modelFactConditions, modelFactHeaders } from './model-facts.sql.js';
import { allOf, bool, cursorOf, date, list, num, sortableNumber, sqlSection, text } from './sql-section.js';

/** Conditions as people read them, one per line. */
export function describeConditions(value: unknown): string | null {
  const parsed = approvalConditionsSchema.safeParse(value);
  if (!parsed.success) return Array.isArray(value) && value.length ? JSON.stringify(value) : null;
  return parsed.data.length ? parsed.data.map(describeCondition).join('\n') : null;
}

/** The requests the report covers: submitted or decided within the period (any time without one). */
function requestScope(filters: ReportFilters): Prisma.Sql {
  const { start, end } = periodOf(filters);
  const conditions: Prisma.Sql[] = [Prisma.sql`ar.state::text <> 'DRAFT'`];
  const within = (column: Prisma.Sql) =>
    allOf([
      Prisma.sql`${column} IS NOT NULL`,
      ...(start ? [Prisma.sql`${column} >= ${start}`] : []),
      ...(end ? [Prisma.sql`${column} < ${end}`] : []),
    ]);
  if (start || end) conditions.push(Prisma.sql`(${within(Prisma.sql`ar.submitted_at`)} OR ${within(Prisma.sql`ar.decided_at`)})`);
  if (filters.teamIds.length) conditions.push(Prisma.sql`ar.team_id = ANY(${filters.teamIds}::uuid[])`);
  if (filters.environments.length) conditions.push(Prisma.sql`ar.environments::text[] && ${filters.environments}::text[]`);
  if (filters.states.length) conditions.push(Prisma.sql`ar.state::text = ANY(${filters.states}::text[])`);
  conditions.push(...modelFactConditions(filters, { riskTier: Prisma.sql`ar.risk_tier::text` }));
  return allOf(conditions);
}

const requestsInScope = (filters: ReportFilters) => Prisma.sql`
  SELECT ar.id FROM approval_request ar JOIN model_version mv ON mv.id = ar.model_version_id WHERE ${requestScope(filters)}`;

const requestCursor = (...more: Prisma.Sql[]) => cursorOf(sortableNumber(Prisma.sql`ar.number`, 10), ...more);

export async function approvalsReport(tx: Tx, filters: ReportFilters): Promise<ReportSection[]> {
  const requests = await sqlSection(tx, {
    key: 'requests',
    title: 'Approval requests',
    description: 'Each request with its scope, risk tier, decision, conditions, validity and the policy version in force.',
    columns: [
      { key: 'reference', header: 'Request', width: 8 },
      { key: 'cycle', header: 'Cycle', type: 'number', width: 5 },
      { key: 'renews', header: 'Renews', width: 8 },
      ...modelFactHeaders,
      { key: 'team', header: 'Team', width: 14 },
      { key: 'requester', header: 'Requested by', width: 18 },
      { key: 'state', header: 'State', width: 14 },
      { key: 'intendedUse', header: 'Intended use', width: 30 },
      { key: 'environments', header: 'Environments', width: 14 },
      { key: 'hostingModes', header: 'Hosting modes', width: 14 },
      { key: 'maxDataClassification', header: 'Highest data class', width: 11 },
      { key: 'personalData', header: 'Personal data', type: 'boolean', width: 7 },
      { key: 'expectedUsers', header: 'Expected users', type: 'number', width: 9 },
      { key: 'euAiActCategory', header: 'EU AI Act', width: 11 },
      { key: 'riskTier', header: 'Risk tier', width: 9 },
      { key: 'requiredApprovers', header: 'Approvers required', type: 'number', width: 7 },
      { key: 'submittedAt', header: 'Submitted', type: 'datetime', width: 16 },
      { key: 'decidedAt', header: 'Decided', type: 'datetime', width: 16 },
      { key: 'rationale', header: 'Decision rationale', width: 30 },
      { key: 'conditions', header: 'Conditions', width: 26 },
      { key: 'validFrom', header: 'Valid from', type: 'date', width: 11 },
      { key: 'validUntil', header: 'Valid until', type: 'date', width: 11 },
      { key: 'policyVersion', header: 'Policy version', type: 'number', width: 7 },
      { key: 'weightsSha256', header: 'Weights SHA-256 approved', width: 20 },
      { key: 'stateReason', header: 'State reason', width: 24 },
    ],
    query: Prisma.sql`
      SELECT 'AR-' || ar.number AS reference, ar.cycle, 'AR-' || prev.number AS renews, ${modelFactColumns},
             t.name AS team, u.display_name AS requester, ar.state::text AS state, ar.intended_use,
             ar.environments::text[] AS environments, ar.hosting_modes::text[] AS hosting_modes,
             ar.max_data_classification::text AS max_data, ar.personal_data, ar.expected_users,
             ar.eu_ai_act_category::text AS eu_ai_act, ar.risk_tier::text AS risk_tier, ar.required_approvers,
             ar.submitted_at, ar.decided_at, ar.decision_rationale, ar.conditions, ar.valid_from, ar.valid_until,
             ar.policy_version, ar.weights_sha256, ar.state_reason,
             ${requestCursor()} AS cursor
      FROM approval_request ar
      JOIN model_version mv ON mv.id = ar.model_version_id
      JOIN provider p ON p.id = mv.provider_id
      LEFT JOIN approval_request prev ON prev.id = ar.previous_request_id
      LEFT JOIN team t ON t.id = ar.team_id
      LEFT JOIN app_user u ON u.id = ar.requester_id
      WHERE ${requestScope(filters)}`,
    toRow: (r) => [
      text(r.reference),
      num(r.cycle),
      text(r.renews),
      ...modelFactCells(r),
      text(r.team),
      text(r.requester),
      text(r.state),
      text(r.intended_use),
      list(r.environments),
      list(r.hosting_modes),
      text(r.max_data),
      bool(r.personal_data),
      num(r.expected_users),
      text(r.eu_ai_act),
      text(r.risk_tier),
      num(r.required_approvers),
      date(r.submitted_at),
      date(r.decided_at),
      text(r.decision_rationale),
      describeConditions(r.conditions),
      date(r.valid_from),
      date(r.valid_until),
      num(r.policy_version),
      text(r.weights_sha256),
      text(r.state_reason),
    ],
  });

  const reviews = await sqlSection(tx, {
    key: 'risk-reviews',
    title: 'Risk reviews',
    description: 'Every risk review of those requests: reviewer, likelihood × impact rating, findings and required mitigations.',
    columns: [
      { key: 'reference', header: 'Request', width: 8 },
      { key: 'category', header: 'Category', width: 18 },
      { key: 'reviewer', header: 'Reviewer', width: 18 },
      { key: 'status', header: 'Status', width: 10 },
      { key: 'likelihood', header: 'Likelihood', type: 'number', width: 7 },
      { key: 'impact', header: 'Impact', type: 'number', width: 7 },
      { key: 'tier', header: 'Tier', width: 9 },
      { key: 'findings', header: 'Findings', width: 40 },
      { key: 'mitigations', header: 'Required mitigations', width: 34 },
      { key: 'dueAt', header: 'Due', type: 'date', width: 11 },
      { key: 'signedOffAt', header: 'Signed off', type: 'datetime', width: 16 },
    ],
    query: Prisma.sql`
      SELECT 'AR-' || ar.number AS reference, r.category, u.display_name AS reviewer, r.status::text AS status,
             r.likelihood, r.impact, r.tier::text AS tier, r.findings, r.mitigations, r.due_at, r.signed_off_at,
             ${requestCursor(Prisma.sql`r.category`)} AS cursor
      FROM risk_review r
      JOIN approval_request ar ON ar.id = r.request_id
      JOIN app_user u ON u.id = r.reviewer_id
      WHERE r.request_id IN (${requestsInScope(filters)})`,
    toRow: (r) => [
      text(r.reference),
      text(r.category),
      text(r.reviewer),
      text(r.status),
      num(r.likelihood),
      num(r.impact),
      text(r.tier),
      text(r.findings),
      list(r.mitigations, '\n'),
      date(r.due_at),
      date(r.signed_off_at),
    ],
  });

  const votes = await sqlSection(tx, {
    key: 'approvers',
    title: 'Approvers',
    description: 'Who voted on each request, how, in which capacity, why and with which conditions.',
    columns: [
      { key: 'reference', header: 'Request', width: 8 },
      { key: 'approver', header: 'Approver', width: 18 },
      { key: 'decision', header: 'Vote', width: 8 },
      { key: 'asComplianceOfficer', header: 'As compliance officer', type: 'boolean', width: 9 },
      { key: 'rationale', header: 'Rationale', width: 40 },
      { key: 'conditions', header: 'Conditions', width: 30 },
      { key: 'votedAt', header: 'Voted', type: 'datetime', width: 16 },
    ],
    query: Prisma.sql`
      SELECT 'AR-' || ar.number AS reference, u.display_name AS approver, v.decision, v.as_compliance_officer,
             v.rationale, v.conditions, v.created_at,
             ${requestCursor(Prisma.sql`to_char(v.created_at, 'YYYYMMDDHH24MISSMS')`, Prisma.sql`v.id::text`)} AS cursor
      FROM approval_vote v
      JOIN approval_request ar ON ar.id = v.request_id
      JOIN app_user u ON u.id = v.person_id
      WHERE v.request_id IN (${requestsInScope(filters)})`,
    toRow: (r) => [
      text(r.reference),
      text(r.approver),
      text(r.decision),
      bool(r.as_compliance_officer),
      text(r.rationale),
      describeConditions(r.conditions),
      date(r.created_at),
    ],
  });

  const evidence = await sqlSection(tx, {
    key: 'evidence',
    title: 'Evidence',
    description: 'The evidence behind each review: files with their SHA-256 and size, and links.',
    columns: [
      { key: 'reference', header: 'Request', width: 8 },
      { key: 'category', header: 'Review', width: 18 },
      { key: 'kind', header: 'Kind', width: 6 },
      { key: 'title', header: 'Title', width: 26 },
      { key: 'location', header: 'File or link', width: 30 },
      { key: 'contentType', header: 'Type', width: 14 },
      { key: 'sizeBytes', header: 'Bytes', type: 'number', width: 9 },
      { key: 'sha256', header: 'SHA-256', width: 22 },
      { key: 'addedBy', header: 'Added by', width: 16 },
      { key: 'addedAt', header: 'Added', type: 'datetime', width: 16 },
    ],
    query: Prisma.sql`
      SELECT 'AR-' || ar.number AS reference, r.category, e.kind, e.title, coalesce(e.file_name, e.url) AS location,
             e.content_type, e.size_bytes, e.sha256, u.display_name AS added_by, e.created_at,
             ${requestCursor(Prisma.sql`r.category`, Prisma.sql`to_char(e.created_at, 'YYYYMMDDHH24MISSMS')`, Prisma.sql`e.id::text`)} AS cursor
      FROM review_evidence e
      JOIN risk_review r ON r.id = e.review_id
      JOIN approval_request ar ON ar.id = r.request_id
      LEFT JOIN app_user u ON u.id = e.added_by_id
      WHERE r.request_id IN (${requestsInScope(filters)})`,
    toRow: (r) => [
      text(r.reference),
      text(r.category),
      text(r.kind),
      text(r.title),
      text(r.location),
      text(r.content_type),
      num(r.size_bytes),
      text(r.sha256),
      text(r.added_by),
      date(r.created_at),
    ],
  });
  return [requests, reviews, votes, evidence];
}
