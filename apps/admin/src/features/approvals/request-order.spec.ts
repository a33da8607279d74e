import { describe, expect, it } from '@jest/globals';
import type { ApprovalRequestRowFragment } from '../../gql/graphql';
import { orderRequests, sortForQueue } from './request-order';

type Row = ApprovalRequestRowFragment;
type Review = Row['reviews'][number];

const VIEWER = 'viewer';

const review = (overrides: Partial<Review> = {}): Review => ({
  id: `review-${Math.random()}`,
  category: 'security',
  status: 'ASSIGNED',
  dueAt: '2026-05-10T00:00:00.000Z',
  overdue: false,
  signedOffAt: null,
  likelihood: null,
  impact: null,
  tier: null,
  reviewer: { id: VIEWER, displayName: 'Viewer' },
  ...overrides,
});

const row = (number: number, overrides: Partial<Row> = {}): Row => ({
  id: `request-${number}`,
  reference: `AR-${number}`,
  number,
  cycle: 1,
  state: 'IN_REVIEW',
  stateReason: null,
  riskTier: null,
  createdAt: '2026-04-01T00:00:00.000Z',
  updatedAt: '2026-04-01T00:00:00.000Z',
  submittedAt: '2026-04-01T00:00:00.000Z',
  decidedAt: null,
  validUntil: null,
  conditions: [],
  votes: [],
  modelVersion: { id: 'v', familyName: 'Qwen2.5', versionName: 'Qwen2.5-7B', provider: { id: 'p', name: 'Alibaba' } },
  team: null,
  requester: null,
  scope: { environments: ['PRODUCTION'], maxDataClassification: 'CONFIDENTIAL' },
  requirements: {
    categories: ['security'],
    missingReviews: ['security'],
    approvalsGiven: 0,
    approvers: 1,
    complianceOfficerRequired: false,
  },
  reviews: [],
  ...overrides,
});

const references = (rows: readonly Row[]) => rows.map((entry) => entry.reference);
const textOf = () => undefined;

describe('the review queue', () => {
  const rows = [
    row(1, { reviews: [review({ dueAt: '2026-05-20T00:00:00.000Z' })] }),
    row(2, { reviews: [review({ dueAt: '2026-05-01T00:00:00.000Z', overdue: true })] }),
    row(3, { reviews: [review({ dueAt: '2026-05-05T00:00:00.000Z' })], submittedAt: '2026-03-01T00:00:00.000Z' }),
    row(4, { reviews: [review({ dueAt: '2026-05-05T00:00:00.000Z' })], submittedAt: '2026-02-01T00:00:00.000Z' }),
  ];

  it('keeps the work order (overdue, due soonest, oldest) when no column is sorted', () => {
    expect(references(sortForQueue(rows, VIEWER))).toEqual(['AR-2', 'AR-4', 'AR-3', 'AR-1']);
    expect(references(orderRequests(rows, undefined, { viewerId: VIEWER, defaultOrder: 'queue', textOf }))).toEqual([
      'AR-2',
      'AR-4',
      'AR-3',
      'AR-1',
    ]);
  });

  it('sorts by a chosen column instead, with numbers and dates in their own order', () => {
    const options = { viewerId: VIEWER, defaultOrder: 'queue' as const, textOf };
    expect(references(orderRequests(rows, { column: 'reference', direction: 'desc' }, options))).toEqual([
      'AR-4',
      'AR-3',
      'AR-2',
      'AR-1',
    ]);
    expect(references(orderRequests(rows, { column: 'due', direction: 'desc' }, options))).toEqual([
      'AR-1',
      'AR-3',
      'AR-4',
      'AR-2',
    ]);
  });
});

describe('the other lists', () => {
  it('keep the server order by default and sort tiers from low to critical, unknown last', () => {
    const rows = [row(1, { riskTier: 'CRITICAL' }), row(2), row(3, { riskTier: 'LOW' }), row(4, { riskTier: 'HIGH' })];
    const options = { viewerId: VIEWER, defaultOrder: 'server' as const, textOf };
    expect(references(orderRequests(rows, undefined, options))).toEqual(['AR-1', 'AR-2', 'AR-3', 'AR-4']);
    expect(references(orderRequests(rows, { column: 'tier', direction: 'asc' }, options))).toEqual([
      'AR-3',
      'AR-4',
      'AR-1',
      'AR-2',
    ]);
    expect(references(orderRequests(rows, { column: 'tier', direction: 'desc' }, options))).toEqual([
      'AR-1',
      'AR-4',
      'AR-3',
      'AR-2',
    ]);
  });
});
