import { z } from 'zod';

/**
 * The risk review categories. The keys are the words people carry in their `reviewCategories`, so a
 * reviewer with "security" reviews security and supply chain.
 */
export const ReviewCategory = {
  Security: 'security',
  Privacy: 'privacy',
  Legal: 'legal',
  Sovereignty: 'sovereignty',
  Quality: 'quality',
  Regulatory: 'regulatory',
} as const;
export type ReviewCategory = (typeof ReviewCategory)[keyof typeof ReviewCategory];
export const REVIEW_CATEGORIES = Object.values(ReviewCategory);
export const reviewCategorySchema = z.enum(REVIEW_CATEGORIES as [ReviewCategory, ...ReviewCategory[]], {
  error: () => `must be one of ${REVIEW_CATEGORIES.join(', ')}`,
});

export const reviewCategoryInfo: Record<ReviewCategory, { label: string; covers: string }> = {
  security: {
    label: 'Security and supply chain',
    covers: 'weights integrity and checksum, known backdoor or poisoning reports, artifact source',
  },
  privacy: { label: 'Data protection', covers: 'retention, training on inputs, data residency' },
  legal: { label: 'Legal and licensing', covers: 'commercial use, user caps, attribution, acceptable-use policy' },
  sovereignty: {
    label: 'Geopolitical and sovereignty',
    covers: 'developer country, effective origin, export-control and sanctions context',
  },
  quality: { label: 'Model quality and safety', covers: 'evaluations, bias, fit for the intended use' },
  regulatory: { label: 'Regulatory classification', covers: 'EU AI Act category, GPAI obligations' },
};

/** Listed from lowest to highest; comparisons rely on this order. */
export const RiskTier = { Low: 'LOW', Medium: 'MEDIUM', High: 'HIGH', Critical: 'CRITICAL' } as const;
export type RiskTier = (typeof RiskTier)[keyof typeof RiskTier];
export const RISK_TIERS = Object.values(RiskTier);

export const riskTierRank = (tier: RiskTier): number => RISK_TIERS.indexOf(tier);
export const higherTier = (a: RiskTier, b: RiskTier): RiskTier => (riskTierRank(a) >= riskTierRank(b) ? a : b);

const ratingScale = z
  .number({ error: 'must be a whole number from 1 to 5' })
  .int('must be a whole number from 1 to 5')
  .min(1, 'must be at least 1')
  .max(5, 'must be at most 5');

/** Likelihood and impact, each 1 (rare, negligible) to 5 (almost certain, severe). */
export const riskRatingSchema = z.object({ likelihood: ratingScale, impact: ratingScale });
export type RiskRating = z.output<typeof riskRatingSchema>;

/**
 * The tier of one rating on the usual 5 × 5 matrix: score = likelihood × impact;
 * 1–4 low, 5–9 medium, 10–16 high, 20–25 critical.
 */
export function tierOfRating({ likelihood, impact }: RiskRating): RiskTier {
  const score = likelihood * impact;
  if (score >= 20) return RiskTier.Critical;
  if (score >= 10) return RiskTier.High;
  if (score >= 5) return RiskTier.Medium;
  return RiskTier.Low;
}

/**
 * The request's risk tier: the highest tier among its signed-off reviews. It is never typed in; before
 * any review is signed off it is unknown (null).
 */
export function overallRiskTier(reviews: Iterable<{ rating: RiskRating; signedOff: boolean }>): RiskTier | null {
  let tier: RiskTier | null = null;
  for (const review of reviews) {
    if (!review.signedOff) continue;
    const reviewTier = tierOfRating(review.rating);
    tier = tier === null ? reviewTier : higherTier(tier, reviewTier);
  }
  return tier;
}
