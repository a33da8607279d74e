import { Injectable } from '@nestjs/common';
import { Prisma } from '@modelgate/db';
import { GRANTED_STATES, REQUEST_STATES, RequestState } from '@modelgate/domain/approvals';
import type { Tx } from '../audit/audit.repository.js';
import { latestApprovalJoin } from '../reports/sources/model-facts.sql.js';

/** Days of CI gate history the dashboard charts, today included. */
export const GATE_HISTORY_DAYS = 30;

export type InUseDimension = 'TOTAL' | 'DEVELOPER_COUNTRY' | 'EFFECTIVE_ORIGIN' | 'LICENSE_CLASS' | 'HOSTING_MODE' | 'RISK_TIER';
export type InUseCountRow = { dimension: InUseDimension; key: string | null; count: number };
export type ApprovalStateRow = { state: RequestState; count: number; oldestAgeDays: number; medianAgeDays: number };
export type ApprovalSummaryRow = {
  generatedAt: Date;
  openUnder7Days: number;
  open7To30Days: number;
  openOver30Days: number;
  expiringWithin30Days: number;
  expiringWithin60Days: number;
  expiringWithin90Days: number;
};
export type KeyCountRow = { key: string; count: number };
export type ExceptionSummaryRow = { awaitingDecision: number; active: number; expiringWithin30Days: number; expired: number };
export type GateDayRow = { day: string; allow: number; reviewRequired: number; deny: number };

const OPEN_FOR_DECISION = [RequestState.Submitted, RequestState.InReview];

/** A request's state as it stands: a granted approval whose validity has passed reads EXPIRED (as in `latestApprovalJoin`). */
const currentState = Prisma.sql`
  CASE WHEN ar.state::text = ANY(${GRANTED_STATES}::text[]) AND ar.valid_until < now() THEN 'EXPIRED' ELSE ar.state::text END`;

const wholeDaysSince = (moment: Prisma.Sql) => Prisma.sql`floor(extract(epoch FROM now() - ${moment}) / 86400)`;

/**
 * The dashboard's figures, each one aggregated in SQL (GROUP BY or FILTER), never by looping over rows here.
 * Every method runs inside the caller's snapshot transaction so all figures agree with each other and with
 * one `now()`.
 */
@Injectable()
export class DashboardRepository {
  /**
   * Model versions in use (not retired, at least one active deployment), counted along each dimension in one
   * statement. Deployments are read once, as distinct (version, hosting mode) pairs; `in_use` is computed
   * once and grouped five ways.
   */
  countInUseVersions(tx: Tx): Promise<InUseCountRow[]> {
    return tx.$queryRaw<InUseCountRow[]>`
      WITH active_modes AS MATERIALIZED (
        SELECT DISTINCT d.model_version_id, ht.mode::text AS mode
        FROM deployment d
        JOIN hosting_target ht ON ht.id = d.hosting_target_id
        WHERE d.status = 'ACTIVE'
      ),
      in_use AS MATERIALIZED (
        SELECT mv.id, mv.developer_country::text AS developer_country, mv.effective_origin, mv.license_class::text AS license_class,
               coalesce(ap.ap_risk_tier, 'NONE') AS risk_tier
        FROM model_version mv
        ${latestApprovalJoin}
        WHERE mv.retired_at IS NULL AND mv.id IN (SELECT model_version_id FROM active_modes)
      )
      SELECT 'TOTAL' AS dimension, NULL::text AS key, count(*)::int AS count FROM in_use
      UNION ALL
      SELECT 'DEVELOPER_COUNTRY', developer_country, count(*)::int FROM in_use GROUP BY developer_country
      UNION ALL
      SELECT 'EFFECTIVE_ORIGIN', origin::text, count(*)::int FROM in_use CROSS JOIN LATERAL unnest(in_use.effective_origin) AS origin GROUP BY origin
      UNION ALL
      SELECT 'LICENSE_CLASS', license_class, count(*)::int FROM in_use GROUP BY license_class
      UNION ALL
      SELECT 'RISK_TIER', risk_tier, count(*)::int FROM in_use GROUP BY risk_tier
      UNION ALL
      SELECT 'HOSTING_MODE', am.mode, count(*)::int FROM active_modes am JOIN in_use ON in_use.id = am.model_version_id GROUP BY am.mode
      ORDER BY dimension, count DESC, key`;
  }

  /** Approval requests by current state, with ages since submission (drafts: since creation); `requesterId` narrows to one person's. */
  countApprovalsByState(tx: Tx, requesterId?: string): Promise<ApprovalStateRow[]> {
    const requester = requesterId ? Prisma.sql`ar.requester_id = ${requesterId}::uuid` : Prisma.sql`true`;
    return tx.$queryRaw<ApprovalStateRow[]>`
      SELECT state, count(*)::int AS count,
             max(age_days)::int AS "oldestAgeDays",
             floor(percentile_cont(0.5) WITHIN GROUP (ORDER BY age_days::float8))::int AS "medianAgeDays"
      FROM (
        SELECT ${currentState} AS state, ${wholeDaysSince(Prisma.sql`coalesce(ar.submitted_at, ar.created_at)`)} AS age_days
        FROM approval_request ar
        WHERE ${requester}
      ) AS requests
      GROUP BY state
      ORDER BY array_position(${REQUEST_STATES}::text[], state)`;
  }

  /** Ages of the requests waiting for a decision and the granted approvals about to end, in one row; also the snapshot's `now()`. */
  async summarizeApprovals(tx: Tx): Promise<ApprovalSummaryRow> {
    const age = Prisma.sql`now() - coalesce(ar.submitted_at, ar.created_at)`;
    const open = Prisma.sql`ar.state::text = ANY(${OPEN_FOR_DECISION}::text[])`;
    const endsWithin = (days: number) =>
      Prisma.sql`ar.state::text = ANY(${GRANTED_STATES}::text[]) AND ar.valid_until > now() AND ar.valid_until <= now() + make_interval(days => ${days}::int)`;
    const [row] = await tx.$queryRaw<ApprovalSummaryRow[]>`
      SELECT now() AS "generatedAt",
             count(*) FILTER (WHERE ${open} AND ${age} < interval '7 days')::int AS "openUnder7Days",
             count(*) FILTER (WHERE ${open} AND ${age} >= interval '7 days' AND ${age} < interval '31 days')::int AS "open7To30Days",
             count(*) FILTER (WHERE ${open} AND ${age} >= interval '31 days')::int AS "openOver30Days",
             count(*) FILTER (WHERE ${endsWithin(30)})::int AS "expiringWithin30Days",
             count(*) FILTER (WHERE ${endsWithin(60)})::int AS "expiringWithin60Days",
             count(*) FILTER (WHERE ${endsWithin(90)})::int AS "expiringWithin90Days"
      FROM approval_request ar
      WHERE ar.state::text = ANY(${[...OPEN_FOR_DECISION, ...GRANTED_STATES]}::text[])`;
    return row!;
  }

  /** Open requests with a review assigned to this person and not signed off: the review queue's length. */
  async countReviewsWaitingFor(tx: Tx, reviewerId: string): Promise<number> {
    const [row] = await tx.$queryRaw<Array<{ count: number }>>`
      SELECT count(DISTINCT ar.id)::int AS count
      FROM risk_review rr
      JOIN approval_request ar ON ar.id = rr.request_id
      WHERE rr.reviewer_id = ${reviewerId}::uuid AND rr.status = 'ASSIGNED' AND ar.state::text = ANY(${OPEN_FOR_DECISION}::text[])`;
    return row?.count ?? 0;
  }

  countOpenViolationsByKind(tx: Tx): Promise<KeyCountRow[]> {
    return tx.$queryRaw<KeyCountRow[]>`
      SELECT kind AS key, count(*)::int AS count
      FROM policy_violation
      WHERE resolved_at IS NULL
      GROUP BY kind
      ORDER BY count DESC, kind`;
  }

  async summarizeExceptions(tx: Tx): Promise<ExceptionSummaryRow> {
    const [row] = await tx.$queryRaw<ExceptionSummaryRow[]>`
      SELECT count(*) FILTER (WHERE state = 'REQUESTED')::int AS "awaitingDecision",
             count(*) FILTER (WHERE state = 'GRANTED' AND expires_at > now())::int AS active,
             count(*) FILTER (WHERE state = 'GRANTED' AND expires_at > now() AND expires_at <= now() + interval '30 days')::int
               AS "expiringWithin30Days",
             count(*) FILTER (WHERE state = 'EXPIRED' OR (state = 'GRANTED' AND expires_at <= now()))::int AS expired
      FROM policy_exception
      WHERE state IN ('REQUESTED', 'GRANTED', 'EXPIRED')`;
    return row!;
  }

  /** The gate's decisions per UTC day over the last `GATE_HISTORY_DAYS` days, oldest first, with zero rows for quiet days. */
  countGateDecisionsPerDay(tx: Tx): Promise<GateDayRow[]> {
    return tx.$queryRaw<GateDayRow[]>`
      WITH window_days AS (
        SELECT day::date AS day
        FROM generate_series((now() AT TIME ZONE 'UTC')::date - ${GATE_HISTORY_DAYS - 1}::int, (now() AT TIME ZONE 'UTC')::date, interval '1 day') AS day
      ),
      per_day AS (
        SELECT (g.created_at AT TIME ZONE 'UTC')::date AS day,
               count(*) FILTER (WHERE g.decision = 'ALLOW') AS allow,
               count(*) FILTER (WHERE g.decision = 'REVIEW_REQUIRED') AS review_required,
               count(*) FILTER (WHERE g.decision = 'DENY') AS deny
        FROM policy_decision g
        WHERE g.created_at >= ((now() AT TIME ZONE 'UTC')::date - ${GATE_HISTORY_DAYS - 1}::int)::timestamp AT TIME ZONE 'UTC'
        GROUP BY 1
      )
      SELECT to_char(w.day, 'YYYY-MM-DD') AS day,
             coalesce(p.allow, 0)::int AS allow,
             coalesce(p.review_required, 0)::int AS "reviewRequired",
             coalesce(p.deny, 0)::int AS deny
      FROM window_days w
      LEFT JOIN per_day p ON p.day = w.day
      ORDER BY w.day`;
  }
}
