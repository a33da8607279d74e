import { describe, expect, it } from '@jest/globals';
import type { ApprovalOnRecord } from '@modelgate/domain/policy';
import { approvalCoveringAnyHosting, type UseWithoutHosting } from './approval-coverage.js';

const now = new Date('2026-06-01T00:00:00Z');
const approval = (overrides: Partial<ApprovalOnRecord> = {}): ApprovalOnRecord => ({
  id: 'a1',
  reference: 'AR-1',
  state: 'APPROVED',
  teamId: null,
  scope: {
    intendedUse: 'Summarise support tickets',
    environments: ['STAGING', 'PRODUCTION'],
    hostingModes: ['VENDOR_API', 'ON_PREMISES'],
    maxDataClassification: 'CONFIDENTIAL',
    personalData: false,
    expectedUsers: 10,
    euAiActCategory: null,
  },
  conditions: [],
  validUntil: new Date('2027-01-01T00:00:00Z'),
  weightsSha256: null,
  reviewedCategories: [],
  approverCount: 1,
  ...overrides,
});
const use: UseWithoutHosting = {
  environment: 'PRODUCTION',
  dataClassification: 'INTERNAL',
  personalData: false,
  teamId: null,
  weightsSha256: null,
  currentWeightsSha256: null,
  now,
};

describe('approvalCoveringAnyHosting (no hosting target named)', () => {
  it('finds an approval that covers the use on one of the hosting modes it allows, even if a condition rules out another', () => {
    const onPremOnly = approval({ conditions: [{ kind: 'HOSTING_MODES', hostingModes: ['ON_PREMISES'] }] });
    expect(approvalCoveringAnyHosting([onPremOnly], use)).toEqual({ approval: onPremOnly, problems: [] });
  });

  it('says why each approval falls short, with the CI gate’s words', () => {
    const result = approvalCoveringAnyHosting(
      [
        approval({ state: 'SUBMITTED', reference: 'AR-2' }),
        approval({ reference: 'AR-3', validUntil: new Date('2026-01-01T00:00:00Z') }),
        approval(),
      ],
      { ...use, dataClassification: 'RESTRICTED' },
    );
    expect(result).toEqual({
      approval: null,
      problems: [
        'AR-2 is submitted',
        'AR-3 ended on 2026-01-01',
        "AR-1 does not cover this use: RESTRICTED data is above the scope's CONFIDENTIAL",
      ],
    });
    expect(approvalCoveringAnyHosting([], use)).toEqual({ approval: null, problems: [] });
  });
});
