import { describe, expect, it } from '@jest/globals';
import { describeCondition } from './labels';
import { explainState, explainTier, lastStep, type ExplainedRequest, type ExplainedReview } from './explanations';

const review = (overrides: Partial<ExplainedReview> = {}): ExplainedReview => ({
  category: 'security',
  status: 'ASSIGNED',
  dueAt: '2026-05-10T00:00:00.000Z',
  overdue: false,
  reviewer: { displayName: 'Rosa Reviewer' },
  ...overrides,
});

const request = (overrides: Partial<ExplainedRequest> = {}): ExplainedRequest => ({
  state: 'IN_REVIEW',
  riskTier: null,
  stateReason: null,
  decidedAt: null,
  validUntil: null,
  requirements: { categories: ['security', 'legal'], approvers: 1, approvalsGiven: 0, complianceOfficerRequired: false },
  reviews: [],
  votes: [],
  conditions: [],
  ...overrides,
});

describe('why a request has its risk tier', () => {
  it('says the tier waits for a signed-off review', () => {
    expect(explainTier(request())).toBe('Known once a review is assigned and signed off');
    expect(explainTier(request({ reviews: [review()] }))).toBe('Known once a review is signed off');
    expect(explainTier(request({ state: 'WITHDRAWN' }))).toBe('No review was signed off before the request closed');
  });

  it('names the review that set the tier, with its rating', () => {
    const reviews = [
      review({ status: 'SIGNED_OFF', tier: 'LOW', likelihood: 2, impact: 2 }),
      review({ category: 'legal', status: 'SIGNED_OFF', tier: 'HIGH', likelihood: 3, impact: 4 }),
    ];
    expect(explainTier(request({ riskTier: 'HIGH', reviews }))).toBe('Legal and licensing rated 3 × 4 = 12');
  });

  it('counts the other reviews at the same tier', () => {
    const reviews = [
      review({ status: 'SIGNED_OFF', tier: 'LOW', likelihood: 2, impact: 2 }),
      review({ category: 'legal', status: 'SIGNED_OFF', tier: 'LOW', likelihood: 1, impact: 2 }),
    ];
    expect(explainTier(request({ riskTier: 'LOW', reviews }))).toBe(
      'Security and supply chain rated 2 × 2 = 4, and 1 more review at this tier',
    );
  });
});

describe('why a request is in its state', () => {
  it('names who an open request waits on, the overdue review first, and what is still unassigned', () => {
    const reviews = [
      review({ dueAt: '2026-05-01T00:00:00.000Z' }),
      review({ category: 'privacy', overdue: true, dueAt: '2026-05-20T00:00:00.000Z', reviewer: { displayName: 'Carla' } }),
    ];
    const requirements = {
      categories: ['security', 'privacy', 'legal'],
      approvers: 1,
      approvalsGiven: 0,
      complianceOfficerRequired: false,
    };
    expect(explainState(request({ reviews, requirements })).text).toBe(
      'Waiting on Data protection by Carla and 1 more review\nReviews to assign: Legal and licensing',
    );
  });

  it('says how many approvals are still needed once every review is signed off', () => {
    const reviews = [review({ status: 'SIGNED_OFF' }), review({ category: 'legal', status: 'SIGNED_OFF' })];
    const requirements = { categories: ['security', 'legal'], approvers: 2, approvalsGiven: 0, complianceOfficerRequired: true };
    expect(explainState(request({ reviews, requirements })).text).toBe(
      'Every review signed off; 2 more approvals needed, one from a compliance officer',
    );
  });

  it('names who approved, and when', () => {
    const votes = [
      {
        decision: 'APPROVE' as const,
        rationale: 'Fine',
        asComplianceOfficer: true,
        createdAt: '2026-04-01T10:00:00.000Z',
        person: { displayName: 'Carla Compliance' },
      },
    ];
    expect(explainState(request({ state: 'APPROVED', votes, decidedAt: '2026-04-01T10:00:00.000Z' }))).toEqual({
      text: 'By Carla Compliance',
      at: '2026-04-01T10:00:00.000Z',
    });
  });

  it("gives a rejection's reviewer and rationale, and the reason of a revocation", () => {
    const votes = [
      {
        decision: 'REJECT' as const,
        rationale: 'Vendor API sends tickets abroad',
        asComplianceOfficer: false,
        createdAt: '2026-04-02T10:00:00.000Z',
        person: { displayName: 'Rosa Reviewer' },
      },
    ];
    expect(explainState(request({ state: 'REJECTED', votes })).text).toBe('By Rosa Reviewer: Vendor API sends tickets abroad');
    expect(explainState(request({ state: 'REVOKED', stateReason: 'License changed' })).text).toBe('Reason: License changed');
    expect(explainState(request({ state: 'WITHDRAWN' })).text).toBe('No reason given');
  });

  it('finds who took the last step from the timeline, a reinstatement over the approval', () => {
    const timeline = [
      { action: 'approval_request.approve', occurredAt: '2026-01-01T00:00:00.000Z', actorType: 'USER', actorLabel: 'a@x.test' },
      { action: 'approval_request.suspend', occurredAt: '2026-02-01T00:00:00.000Z', actorType: 'USER', actorLabel: 'b@x.test' },
      { action: 'approval_request.reinstate', occurredAt: '2026-03-01T00:00:00.000Z', actorType: 'USER', actorLabel: 'c@x.test' },
    ];
    expect(lastStep('APPROVED', timeline)).toEqual({ actor: 'c@x.test', at: '2026-03-01T00:00:00.000Z' });
    expect(lastStep('EXPIRED', [{ action: 'approval_request.expire', occurredAt: 'x', actorType: 'SYSTEM' }])).toEqual({
      actor: 'the system',
      at: 'x',
    });
  });
});

describe('conditions in words', () => {
  it('reads as the server words them', () => {
    expect(describeCondition({ kind: 'HOSTING_MODES', hostingModes: ['ON_PREMISES'] })).toBe('On-premises only');
    expect(describeCondition({ kind: 'ENVIRONMENTS', environments: ['STAGING', 'PRODUCTION'] })).toBe(
      'Staging or production only',
    );
    expect(describeCondition({ kind: 'MAX_DATA_CLASSIFICATION', dataClassification: 'INTERNAL' })).toBe('No data above internal');
    expect(describeCondition({ kind: 'CUSTOM', text: 'Quarterly bias review' })).toBe('Quarterly bias review');
  });
});
