import { describe, expect, it } from '@jest/globals';
import { decide, type ApprovalOnRecord, type DecisionQuestion } from './decision.js';
import type { PolicyEvaluation } from './language.js';

const now = new Date('2026-11-23T12:00:00Z');
const allow: PolicyEvaluation = { outcome: 'ALLOW', matched: [], reviewCategories: [], approvers: null };
const concern: PolicyEvaluation = {
  outcome: 'REQUIRE_REVIEW',
  matched: [
    { ruleId: 'review-countries-of-concern', name: 'Country of concern', outcome: 'REQUIRE_REVIEW', reason: 'Needs reviews.' },
  ],
  reviewCategories: ['security', 'sovereignty'],
  approvers: 2,
};
const deny: PolicyEvaluation = {
  outcome: 'DENY',
  matched: [{ ruleId: 'deny-unknown-license', name: 'Unknown license', outcome: 'DENY', reason: 'No license.' }],
  reviewCategories: [],
  approvers: null,
};
const question: DecisionQuestion = {
  usage: { environment: 'PRODUCTION', hostingMode: 'ON_PREMISES', dataClassification: 'CONFIDENTIAL', personalData: false },
  teamId: 'team-a',
  currentWeightsSha256: 'a'.repeat(64),
  now,
};
const approval: ApprovalOnRecord = {
  id: 'r1',
  reference: 'AR-1',
  state: 'APPROVED_WITH_CONDITIONS',
  teamId: 'team-a',
  scope: {
    intendedUse: 'Summaries',
    environments: ['STAGING', 'PRODUCTION'],
    hostingModes: ['ON_PREMISES'],
    maxDataClassification: 'CONFIDENTIAL',
    personalData: false,
    expectedUsers: 10,
    euAiActCategory: null,
  },
  conditions: [{ kind: 'HOSTING_MODES', hostingModes: ['ON_PREMISES'] }],
  validUntil: new Date('2027-06-01T00:00:00Z'),
  weightsSha256: 'a'.repeat(64),
  reviewedCategories: ['security', 'legal', 'privacy', 'sovereignty'],
  approverCount: 2,
};

describe('the decision for a pipeline', () => {
  it('allows a use a valid approval covers, citing it', () => {
    const result = decide(concern, [approval], null, question);
    expect(result.decision).toBe('ALLOW');
    expect(result.reasons.at(-1)).toEqual({ source: 'APPROVAL', message: 'Approved by AR-1 until 2027-06-01' });
  });

  it('asks for review when no approval covers the use, and says why each does not', () => {
    const expired = { ...approval, validUntil: new Date('2026-11-01T00:00:00Z') };
    expect(decide(allow, [expired], null, question).reasons.at(-1)!.message).toBe(
      'No approval covers this use: AR-1 ended on 2026-11-01',
    );
    const vendor = { ...question, usage: { ...question.usage, hostingMode: 'VENDOR_API' as const } };
    expect(decide(allow, [approval], null, vendor).reasons.at(-1)!.message).toContain(
      'hosting mode VENDOR_API is not in the scope',
    );
    const otherWeights = { ...question, currentWeightsSha256: 'b'.repeat(64) };
    expect(decide(allow, [approval], null, otherWeights).reasons.at(-1)!.message).toContain('other weights');
    expect(
      decide(concern, [{ ...approval, reviewedCategories: ['security'], approverCount: 1 }], null, question).reasons.at(-1)!
        .message,
    ).toBe(
      'No approval covers this use: AR-1 lacks what the policy asks for: geopolitical and sovereignty review and 2 approvers',
    );
    expect(decide(allow, [], null, question)).toMatchObject({ decision: 'REVIEW_REQUIRED' });
  });

  it('denies what a deny rule matches, whatever the approvals, unless an exception waives that rule', () => {
    expect(decide(deny, [approval], null, question)).toMatchObject({ decision: 'DENY', coveringApproval: null });
    const waiver = { id: 'x', reference: 'EX-1', ruleIds: ['deny-unknown-license'], expiresAt: new Date('2026-12-31T00:00:00Z') };
    expect(decide(deny, [], waiver, question)).toMatchObject({ decision: 'ALLOW', exception: waiver });
    expect(decide(deny, [], { ...waiver, ruleIds: ['some-other-rule'] }, question).decision).toBe('DENY');
  });
});
