import { z } from 'zod';
import { higherTier, REVIEW_CATEGORIES, type ReviewCategory, reviewCategorySchema, RiskTier } from './risk.js';
import { type ApprovalScope, scopeIsRegulated, scopeTouchesSensitiveData } from './scope.js';

const categories = z
  .array(reviewCategorySchema)
  .min(1, 'must name at least one review category')
  .refine((list) => new Set(list).size === list.length, 'must not repeat a category');

const approverRule = z.object({
  count: z.number().int('must be a whole number').min(1, 'must be at least 1').max(5, 'must be at most 5'),
  complianceOfficerRequired: z.boolean(),
});
export type ApproverRule = z.output<typeof approverRule>;

const perTier = <T extends z.ZodType>(value: T) =>
  z.object({ LOW: value, MEDIUM: value, HIGH: value, CRITICAL: value } satisfies Record<RiskTier, T>);

/** The instance's approval policy: configurable by compliance officers, versioned with every change. */
export const approvalPolicySchema = z
  .object({
    requiredCategories: perTier(categories),
    approvers: perTier(approverRule),
    /** How long an approval lasts unless the decision says otherwise. */
    validityMonths: z.number().int('must be a whole number').min(1, 'must be at least 1').max(36, 'must be at most 36'),
    /** How many days before expiry a re-review opens. */
    renewalLeadDays: z.number().int('must be a whole number').min(1, 'must be at least 1').max(180, 'must be at most 180'),
    /** How many days a review may take before it is overdue and its reviewer is reminded. */
    reviewSlaDays: z.number().int('must be a whole number').min(1, 'must be at least 1').max(90, 'must be at most 90'),
  })
  .superRefine((policy, ctx) => {
    for (const tier of [RiskTier.High, RiskTier.Critical]) {
      if (policy.approvers[tier].count < 2) {
        ctx.addIssue({
          code: 'custom',
          path: ['approvers', tier, 'count'],
          message: 'must be at least 2: high and critical risks need four eyes',
        });
      }
    }
  });
export type ApprovalPolicy = z.output<typeof approvalPolicySchema>;

export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = {
  requiredCategories: {
    LOW: ['security', 'legal'],
    MEDIUM: ['security', 'legal', 'privacy'],
    HIGH: ['security', 'legal', 'privacy', 'sovereignty', 'quality'],
    CRITICAL: [...REVIEW_CATEGORIES],
  },
  approvers: {
    LOW: { count: 1, complianceOfficerRequired: false },
    MEDIUM: { count: 1, complianceOfficerRequired: false },
    HIGH: { count: 2, complianceOfficerRequired: true },
    CRITICAL: { count: 2, complianceOfficerRequired: true },
  },
  validityMonths: 12,
  renewalLeadDays: 30,
  reviewSlaDays: 5,
};

/** Extra requirements from elsewhere (the policy engine): more categories, a higher floor for the tier. */
export type ExtraRequirements = { categories?: readonly ReviewCategory[]; minimumTier?: RiskTier };

export type Requirements = {
  /** The tier the requirements were computed for: the reviews' tier, never below LOW or the minimum. */
  tier: RiskTier;
  categories: ReviewCategory[];
  approvers: ApproverRule;
};

/**
 * What a request needs before it can be approved. The tier comes from the signed-off reviews (LOW until
 * one is); the scope adds data protection for personal or confidential data and regulatory review for
 * EU AI Act high-risk or prohibited uses. A review that raises the tier raises the requirements with it.
 */
export function requirementsFor(
  policy: ApprovalPolicy,
  scope: ApprovalScope,
  reviewedTier: RiskTier | null,
  extra: ExtraRequirements = {},
): Requirements {
  const tier = higherTier(reviewedTier ?? RiskTier.Low, extra.minimumTier ?? RiskTier.Low);
  const required = new Set<ReviewCategory>(policy.requiredCategories[tier]);
  if (scopeTouchesSensitiveData(scope)) required.add('privacy');
  if (scopeIsRegulated(scope)) required.add('regulatory');
  for (const category of extra.categories ?? []) required.add(category);
  return {
    tier,
    categories: REVIEW_CATEGORIES.filter((category) => required.has(category)),
    approvers: policy.approvers[tier],
  };
}

/** Required categories that have no signed-off review yet. */
export function missingReviews(
  requirements: Requirements,
  reviews: Iterable<{ category: ReviewCategory; signedOff: boolean }>,
): ReviewCategory[] {
  const done = new Set<ReviewCategory>();
  for (const review of reviews) if (review.signedOff) done.add(review.category);
  return requirements.categories.filter((category) => !done.has(category));
}

/** The end of an approval's validity: the same day of the month, `months` later (clamped to month end). */
export function validUntil(decidedAt: Date, months: number): Date {
  const result = new Date(decidedAt);
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/** When the re-review of an approval valid until `until` opens. */
export function renewalOpensAt(until: Date, leadDays: number): Date {
  return new Date(until.getTime() - leadDays * 24 * 60 * 60 * 1000);
}
