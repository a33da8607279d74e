import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  approvalPolicySchema,
  DEFAULT_APPROVAL_POLICY,
  missingReviews,
  renewalOpensAt,
  requirementsFor,
  validUntil,
} from './requirements.js';
import { overallRiskTier, RISK_TIERS, riskTierRank, tierOfRating } from './risk.js';
import type { ApprovalScope } from './scope.js';

const scope: ApprovalScope = {
  intendedUse: 'Summarise internal tickets',
  environments: ['STAGING'],
  hostingModes: ['ON_PREMISES'],
  maxDataClassification: 'INTERNAL',
  personalData: false,
  expectedUsers: 40,
  euAiActCategory: null,
};

describe('risk tier', () => {
  it('follows the 5 × 5 matrix: 1–4 low, 5–9 medium, 10–16 high, 20–25 critical', () => {
    expect(tierOfRating({ likelihood: 1, impact: 4 })).toBe('LOW');
    expect(tierOfRating({ likelihood: 5, impact: 1 })).toBe('MEDIUM');
    expect(tierOfRating({ likelihood: 3, impact: 3 })).toBe('MEDIUM');
    expect(tierOfRating({ likelihood: 2, impact: 5 })).toBe('HIGH');
    expect(tierOfRating({ likelihood: 4, impact: 4 })).toBe('HIGH');
    expect(tierOfRating({ likelihood: 4, impact: 5 })).toBe('CRITICAL');
  });

  it('is the highest tier among signed-off reviews, unknown before any', () => {
    expect(overallRiskTier([])).toBeNull();
    expect(overallRiskTier([{ rating: { likelihood: 5, impact: 5 }, signedOff: false }])).toBeNull();
    expect(
      overallRiskTier([
        { rating: { likelihood: 1, impact: 1 }, signedOff: true },
        { rating: { likelihood: 3, impact: 4 }, signedOff: true },
        { rating: { likelihood: 5, impact: 5 }, signedOff: false },
      ]),
    ).toBe('HIGH');
  });

  it('never falls when a review is added (monotone in the reviews)', () => {
    const rating = fc.record({ likelihood: fc.integer({ min: 1, max: 5 }), impact: fc.integer({ min: 1, max: 5 }) });
    fc.assert(
      fc.property(fc.array(rating, { maxLength: 8 }), rating, (ratings, added) => {
        const before = overallRiskTier(ratings.map((r) => ({ rating: r, signedOff: true })));
        const after = overallRiskTier([...ratings, added].map((r) => ({ rating: r, signedOff: true })))!;
        if (before !== null) expect(riskTierRank(after)).toBeGreaterThanOrEqual(riskTierRank(before));
        expect(riskTierRank(after)).toBeGreaterThanOrEqual(riskTierRank(tierOfRating(added)));
      }),
    );
  });
});

describe('requirements', () => {
  it('default to security and legal reviews and one approver for a low-risk, internal-data scope', () => {
    expect(requirementsFor(DEFAULT_APPROVAL_POLICY, scope, null)).toEqual({
      tier: 'LOW',
      categories: ['security', 'legal'],
      approvers: { count: 1, complianceOfficerRequired: false },
    });
  });

  it('add data protection for personal or confidential data and regulatory review for EU AI Act high-risk uses', () => {
    expect(requirementsFor(DEFAULT_APPROVAL_POLICY, { ...scope, personalData: true }, null).categories).toEqual([
      'security',
      'privacy',
      'legal',
    ]);
    expect(
      requirementsFor(DEFAULT_APPROVAL_POLICY, { ...scope, maxDataClassification: 'CONFIDENTIAL' }, null).categories,
    ).toContain('privacy');
    expect(requirementsFor(DEFAULT_APPROVAL_POLICY, { ...scope, euAiActCategory: 'HIGH_RISK' }, null).categories).toContain(
      'regulatory',
    );
  });

  it('rise with the reviewed tier: high risk needs two approvers, one a compliance officer', () => {
    const high = requirementsFor(DEFAULT_APPROVAL_POLICY, scope, 'HIGH');
    expect(high.approvers).toEqual({ count: 2, complianceOfficerRequired: true });
    expect(high.categories).toEqual(['security', 'privacy', 'legal', 'sovereignty', 'quality']);
    expect(requirementsFor(DEFAULT_APPROVAL_POLICY, scope, 'CRITICAL').categories).toHaveLength(6);
  });

  it('take extra categories and a minimum tier from the policy engine', () => {
    const result = requirementsFor(DEFAULT_APPROVAL_POLICY, scope, 'LOW', { categories: ['sovereignty'], minimumTier: 'HIGH' });
    expect(result.tier).toBe('HIGH');
    expect(result.categories).toContain('sovereignty');
  });

  it('never require fewer categories or approvers at a higher tier (default policy)', () => {
    for (const [index, tier] of RISK_TIERS.entries()) {
      for (const higher of RISK_TIERS.slice(index)) {
        const low = requirementsFor(DEFAULT_APPROVAL_POLICY, scope, tier);
        const high = requirementsFor(DEFAULT_APPROVAL_POLICY, scope, higher);
        expect(high.categories).toEqual(expect.arrayContaining(low.categories));
        expect(high.approvers.count).toBeGreaterThanOrEqual(low.approvers.count);
      }
    }
  });

  it('list the required categories without a signed-off review', () => {
    const required = requirementsFor(DEFAULT_APPROVAL_POLICY, { ...scope, personalData: true }, null);
    expect(
      missingReviews(required, [
        { category: 'security', signedOff: true },
        { category: 'legal', signedOff: false },
      ]),
    ).toEqual(['privacy', 'legal']);
  });
});

describe('approval policy', () => {
  it('accepts the defaults and refuses fewer than two approvers for high or critical risk', () => {
    expect(approvalPolicySchema.safeParse(DEFAULT_APPROVAL_POLICY).success).toBe(true);
    const weak = {
      ...DEFAULT_APPROVAL_POLICY,
      approvers: { ...DEFAULT_APPROVAL_POLICY.approvers, HIGH: { count: 1, complianceOfficerRequired: true } },
    };
    const result = approvalPolicySchema.safeParse(weak);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['approvers', 'HIGH', 'count'],
      message: 'must be at least 2: high and critical risks need four eyes',
    });
  });
});

describe('validity', () => {
  it('lasts whole months, clamped to the end of a shorter month, and opens the re-review ahead of the end', () => {
    expect(validUntil(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(validUntil(new Date('2026-11-23T09:30:00Z'), 12).toISOString()).toBe('2027-11-23T09:30:00.000Z');
    expect(renewalOpensAt(new Date('2027-11-23T09:30:00Z'), 30).toISOString()).toBe('2027-10-24T09:30:00.000Z');
  });
});
