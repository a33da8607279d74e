import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import type { RequestState } from '@modelgate/domain/approvals';
import { ApprovalStateEnum } from '../../approvals/models/approval.models.js';

@ObjectType({ description: 'How many things share one value, e.g. model versions in use developed in "CN".' })
export class DashboardCount {
  @Field({ description: 'The value counted: a country code, license class, hosting mode, risk tier or violation kind.' })
  key!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'Approval requests in one state, and how long ago they were submitted (drafts: created).' })
export class ApprovalStateCount {
  @Field(() => ApprovalStateEnum, { description: 'The state as it stands: a granted approval past its validity reads EXPIRED.' })
  state!: RequestState;

  @Field(() => Int)
  count!: number;

  @Field(() => Int, { description: 'Whole days since the oldest of them was submitted.' })
  oldestAgeDays!: number;

  @Field(() => Int, { description: 'Median of their ages, in whole days.' })
  medianAgeDays!: number;
}

@ObjectType({ description: 'Requests waiting for a decision (SUBMITTED or IN_REVIEW), by whole days since submission.' })
export class OpenApprovalAges {
  @Field(() => Int, { description: 'Submitted less than 7 days ago.' })
  under7Days!: number;

  @Field(() => Int, { description: 'Submitted 7 to 30 days ago.' })
  from7To30Days!: number;

  @Field(() => Int, { description: 'Submitted more than 30 days ago.' })
  over30Days!: number;
}

@ObjectType({
  description: 'Granted approvals whose validity ends within the next 30, 60 and 90 days (each includes the shorter windows).',
})
export class ExpiringApprovals {
  @Field(() => Int)
  within30Days!: number;

  @Field(() => Int)
  within60Days!: number;

  @Field(() => Int)
  within90Days!: number;
}

@ObjectType({ description: 'Policy violations that no decision, exception or retirement has resolved yet.' })
export class OpenViolations {
  @Field(() => Int)
  total!: number;

  @Field(() => [DashboardCount], { description: 'By kind: DENIED or NOT_COVERED, most first.' })
  byKind!: DashboardCount[];
}

@ObjectType({ description: 'Policy exceptions by where they stand now.' })
export class ExceptionSummary {
  @Field(() => Int, { description: 'Requested, waiting for two compliance officers.' })
  awaitingDecision!: number;

  @Field(() => Int, { description: 'Granted and not yet past their expiry.' })
  active!: number;

  @Field(() => Int, { description: 'Active ones that end within 30 days.' })
  expiringWithin30Days!: number;

  @Field(() => Int, { description: 'Granted ones that ran out, whether or not the expiry job has marked them yet.' })
  expired!: number;
}

@ObjectType({ description: "The CI gate's answers on one day (UTC)." })
export class GateDecisionDay {
  @Field({ description: 'YYYY-MM-DD, UTC.' })
  day!: string;

  @Field(() => Int)
  allow!: number;

  @Field(() => Int)
  reviewRequired!: number;

  @Field(() => Int)
  deny!: number;
}

@ObjectType({ description: "The caller's own share of the workflow." })
export class ViewerWork {
  @Field(() => [ApprovalStateCount], { description: 'Requests the caller made (the "My requests" list), by state.' })
  approvalRequestsByState!: ApprovalStateCount[];

  @Field(() => Int, { description: 'Open requests with a review assigned to the caller and not signed off (the review queue).' })
  reviewsWaiting!: number;
}

@ObjectType({
  description:
    'Governance at a glance. "In use" means a model version that is not retired and has at least one active deployment; ' +
    'its risk tier is that of its latest approval request (the newest one past draft and not withdrawn).',
})
export class Dashboard {
  @Field(() => GraphQLISODateTime, { description: 'The moment every figure was read at (one database snapshot).' })
  generatedAt!: Date;

  @Field(() => Int)
  versionsInUse!: number;

  @Field(() => [DashboardCount], { description: 'Model versions in use by developer country (ISO 3166-1 alpha-2), most first.' })
  inUseByDeveloperCountry!: DashboardCount[];

  @Field(() => [DashboardCount], {
    description: 'Model versions in use by effective origin (any country along the lineage; a version counts once per country).',
  })
  inUseByEffectiveOrigin!: DashboardCount[];

  @Field(() => [DashboardCount], { description: 'Model versions in use by license class, most first.' })
  inUseByLicenseClass!: DashboardCount[];

  @Field(() => [DashboardCount], {
    description: 'Model versions in use by the hosting mode of their active deployments (a version counts once per mode).',
  })
  inUseByHostingMode!: DashboardCount[];

  @Field(() => [DashboardCount], {
    description: 'Model versions in use by the risk tier of their latest approval; NONE if never assessed.',
  })
  inUseByRiskTier!: DashboardCount[];

  @Field(() => [ApprovalStateCount], { description: 'Every approval request by state, in workflow order.' })
  approvalsByState!: ApprovalStateCount[];

  @Field(() => OpenApprovalAges)
  openApprovalsByAge!: OpenApprovalAges;

  @Field(() => ExpiringApprovals)
  approvalsExpiring!: ExpiringApprovals;

  @Field(() => OpenViolations)
  openViolations!: OpenViolations;

  @Field(() => ExceptionSummary)
  exceptions!: ExceptionSummary;

  @Field(() => [GateDecisionDay], {
    description: 'Decisions of the CI gate per day over the last 30 days (UTC), oldest first; days without any read zero.',
  })
  gateDecisionsPerDay!: GateDecisionDay[];

  @Field(() => ViewerWork)
  viewerWork!: ViewerWork;
}
