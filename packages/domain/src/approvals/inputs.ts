import { z } from 'zod';
import { approvalConditionsSchema } from './conditions.js';
import { EVIDENCE_CONTENT_TYPES } from './evidence.js';
import { approvalPolicySchema } from './requirements.js';
import { reviewCategorySchema, RISK_TIERS, type RiskTier } from './risk.js';
import { approvalScopeSchema } from './scope.js';
import { RequestState, REQUEST_STATES } from './state-machine.js';

const id = (what: string) => z.uuid(`must be ${what} id`);
const expectedVersion = z
  .number({ error: 'must be the version you read' })
  .int('must be a whole number')
  .min(1, 'must be at least 1');
const reason = z.string().trim().min(10, 'must explain in at least 10 characters').max(2000, 'must be at most 2000 characters');

export const createApprovalRequestInputSchema = z.object({
  modelVersionId: id('a model version'),
  /** The team that will use it; defaults to the requester's only team, or the token's team. */
  teamId: id('a team')
    .nullish()
    .transform((value) => value ?? null),
  scope: approvalScopeSchema,
  /** Submit at once instead of keeping a draft. */
  submit: z.boolean().default(false),
});
export type CreateApprovalRequestInput = z.output<typeof createApprovalRequestInputSchema>;

export const updateApprovalRequestInputSchema = z.object({
  id: id('a request'),
  expectedVersion,
  scope: approvalScopeSchema,
});
export type UpdateApprovalRequestInput = z.output<typeof updateApprovalRequestInputSchema>;

export const requestStepInputSchema = z.object({
  id: id('a request'),
  expectedVersion,
  reason: reason.nullish().transform((value) => value ?? null),
});
export type RequestStepInput = z.output<typeof requestStepInputSchema>;

/** Suspending, reinstating and revoking an approval always say why. */
export const approvalStepInputSchema = z.object({
  id: id('a request'),
  expectedVersion,
  step: z.enum(['SUSPEND', 'REINSTATE', 'REVOKE'], { error: () => 'must be SUSPEND, REINSTATE or REVOKE' }),
  reason,
});
export type ApprovalStepInput = z.output<typeof approvalStepInputSchema>;

export const assignReviewInputSchema = z.object({
  requestId: id('a request'),
  expectedVersion,
  category: reviewCategorySchema,
  /** Omit to take the review yourself. */
  reviewerId: id('a person')
    .nullish()
    .transform((value) => value ?? null),
});
export type AssignReviewInput = z.output<typeof assignReviewInputSchema>;

const ratingScale = z
  .number({ error: 'must be a whole number from 1 to 5' })
  .int('must be a whole number from 1 to 5')
  .min(1, 'must be at least 1')
  .max(5, 'must be at most 5');

export const fileReviewInputSchema = z.object({
  reviewId: id('a review'),
  expectedVersion,
  likelihood: ratingScale,
  impact: ratingScale,
  findings: z.string().trim().min(10, 'must describe the findings in at least 10 characters').max(20_000),
  mitigations: z
    .array(z.string().trim().min(3, 'must be at least 3 characters').max(2000, 'must be at most 2000 characters'))
    .max(50, 'must be at most 50 mitigations')
    .default([]),
  /** Sign the review off: it then counts towards the decision and can no longer change. */
  signOff: z.boolean().default(false),
});
export type FileReviewInput = z.output<typeof fileReviewInputSchema>;

export const addEvidenceInputSchema = z
  .object({
    reviewId: id('a review'),
    title: z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters'),
    link: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(2000, 'must be at most 2000 characters')
      .nullish()
      .transform((value) => value ?? null),
    file: z
      .object({
        fileName: z.string().max(255, 'must be at most 255 characters'),
        contentType: z.enum(EVIDENCE_CONTENT_TYPES, { error: () => `must be one of ${EVIDENCE_CONTENT_TYPES.join(', ')}` }),
        /** The file's bytes, base64-encoded. */
        contentBase64: z
          .string()
          .max(14_000_000, 'must be at most 10 MiB once decoded')
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
      })
      .nullish()
      .transform((value) => value ?? null),
  })
  .superRefine((input, ctx) => {
    if ((input.link === null) === (input.file === null)) {
      ctx.addIssue({ code: 'custom', path: ['link'], message: 'give either a link or a file, not both or neither' });
    }
  });
export type AddEvidenceInput = z.output<typeof addEvidenceInputSchema>;

export const decideInputSchema = z
  .object({
    requestId: id('a request'),
    expectedVersion,
    decision: z.enum(['APPROVE', 'REJECT'], { error: () => 'must be APPROVE or REJECT' }),
    rationale: z.string().trim().min(10, 'must explain the decision in at least 10 characters').max(10_000),
    conditions: approvalConditionsSchema.default([]),
    /** How long the approval lasts; the policy's default when omitted. */
    validityMonths: z
      .number()
      .int('must be a whole number of months')
      .min(1, 'must be at least 1')
      .max(36, 'must be at most 36')
      .nullish()
      .transform((value) => value ?? null),
  })
  .superRefine((input, ctx) => {
    if (input.decision === 'REJECT' && input.conditions.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['conditions'], message: 'must be empty when rejecting' });
    }
  });
export type DecideInput = z.output<typeof decideInputSchema>;

export const MAX_REQUEST_PAGE = 100;

export const approvalRequestFilterSchema = z
  .object({
    states: z.array(z.enum(REQUEST_STATES as [RequestState, ...RequestState[]])).max(10),
    modelVersionId: id('a model version'),
    teamId: id('a team'),
    /** Requests I made. */
    mine: z.boolean(),
    /** Requests with a review assigned to me that is not signed off. */
    assignedToMe: z.boolean(),
    /** Granted approvals whose validity ends within this many days. */
    expiringWithinDays: z.number().int('must be a whole number of days').min(0).max(366),
  })
  .partial()
  .nullish()
  .transform((value) => value ?? {});

export const approvalRequestsArgsSchema = z.object({
  filter: approvalRequestFilterSchema,
  first: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_REQUEST_PAGE, `must be at most ${MAX_REQUEST_PAGE}`)
    .default(25),
  after: z
    .string()
    .max(200)
    .nullish()
    .transform((value) => value ?? null),
});
export type ApprovalRequestsQuery = z.output<typeof approvalRequestsArgsSchema>;

/** The policy as the API takes it (one entry per tier), checked and turned into an `ApprovalPolicy`. */
export const updateApprovalPolicyInputSchema = z
  .object({
    expectedVersion: z.number().int('must be a whole number').min(0, 'must be at least 0'),
    tiers: z.array(
      z.object({
        tier: z.enum(RISK_TIERS as [RiskTier, ...RiskTier[]], { error: () => `must be one of ${RISK_TIERS.join(', ')}` }),
        requiredCategories: z.array(reviewCategorySchema),
        approvers: z.object({ count: z.number(), complianceOfficerRequired: z.boolean() }),
      }),
    ),
    validityMonths: z.number(),
    renewalLeadDays: z.number(),
    reviewSlaDays: z.number(),
  })
  .transform((input, ctx) => {
    const byTier = new Map(input.tiers.map((entry) => [entry.tier, entry]));
    const missing = RISK_TIERS.filter((tier) => !byTier.has(tier));
    if (missing.length || byTier.size !== input.tiers.length) {
      ctx.addIssue({ code: 'custom', path: ['tiers'], message: `must list each of ${RISK_TIERS.join(', ')} once` });
      return z.NEVER;
    }
    const tierMap = <T>(pick: (entry: (typeof input.tiers)[number]) => T) =>
      Object.fromEntries(RISK_TIERS.map((tier) => [tier, pick(byTier.get(tier)!)])) as Record<RiskTier, T>;
    const candidate = {
      requiredCategories: tierMap((entry) => entry.requiredCategories),
      approvers: tierMap((entry) => entry.approvers),
      validityMonths: input.validityMonths,
      renewalLeadDays: input.renewalLeadDays,
      reviewSlaDays: input.reviewSlaDays,
    };
    const parsed = approvalPolicySchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [head, tier, ...rest] = issue.path;
        const path =
          head === 'requiredCategories' || head === 'approvers'
            ? ['tiers', input.tiers.findIndex((entry) => entry.tier === tier), head, ...rest]
            : issue.path;
        ctx.addIssue({ code: 'custom', path: path, message: issue.message });
      }
      return z.NEVER;
    }
    return { expectedVersion: input.expectedVersion, policy: parsed.data };
  });
