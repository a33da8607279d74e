import { describe, expect, it } from '@jest/globals';
import { approvalConditionsSchema, brokenConditions, describeCondition, type ApprovalCondition } from './conditions.js';
import { approvalScopeSchema, outsideScope, type UsageContext } from './scope.js';

const onPremOnly: ApprovalCondition = { kind: 'HOSTING_MODES', hostingModes: ['ON_PREMISES'] };
const usage: UsageContext = {
  environment: 'PRODUCTION',
  hostingMode: 'VENDOR_API',
  dataClassification: 'CONFIDENTIAL',
  personalData: true,
  weightsSha256: 'a'.repeat(64),
};

describe('approval conditions', () => {
  it('read as plain sentences', () => {
    expect(describeCondition(onPremOnly)).toBe('On-premises only');
    expect(describeCondition({ kind: 'ENVIRONMENTS', environments: ['STAGING'] })).toBe('Staging only');
    expect(describeCondition({ kind: 'NO_PERSONAL_DATA' })).toBe('No personal data');
    expect(describeCondition({ kind: 'MAX_DATA_CLASSIFICATION', dataClassification: 'INTERNAL' })).toBe('No data above internal');
  });

  it('name each condition a usage breaks and why; custom ones are for people to honour', () => {
    const conditions: ApprovalCondition[] = [
      onPremOnly,
      { kind: 'ENVIRONMENTS', environments: ['STAGING'] },
      { kind: 'MAX_DATA_CLASSIFICATION', dataClassification: 'INTERNAL' },
      { kind: 'NO_PERSONAL_DATA' },
      { kind: 'PIN_WEIGHTS_CHECKSUM' },
      { kind: 'CUSTOM', text: 'Quarterly bias evaluation' },
    ];
    expect(brokenConditions(conditions, usage, 'b'.repeat(64)).map((b) => b.reason)).toEqual([
      'runs on vendor API hosting',
      'runs in production',
      'processes confidential data',
      'processes personal data',
      'runs weights whose checksum differs from the approved one',
    ]);
    const compliant: UsageContext = {
      environment: 'STAGING',
      hostingMode: 'ON_PREMISES',
      dataClassification: 'PUBLIC',
      personalData: false,
      weightsSha256: 'b'.repeat(64),
    };
    expect(brokenConditions(conditions, compliant, 'b'.repeat(64))).toEqual([]);
    expect(brokenConditions([{ kind: 'PIN_WEIGHTS_CHECKSUM' }], compliant, null)[0]?.reason).toBe(
      'no weights checksum was approved',
    );
  });

  it('refuse an unknown kind, an empty list of modes and the same kind twice, naming the place', () => {
    const result = approvalConditionsSchema.safeParse([
      { kind: 'HOSTING_MODES', hostingModes: [] },
      { kind: 'TELEPORT' },
      { kind: 'NO_PERSONAL_DATA' },
      { kind: 'NO_PERSONAL_DATA' },
    ]);
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((issue) => [issue.path.join('.'), issue.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ['0.hostingModes', 'must name at least one hosting mode'],
        ['1.kind', expect.stringContaining('must be a condition of kind')],
      ]),
    );
  });
});

describe('approval scope', () => {
  const scope = approvalScopeSchema.parse({
    intendedUse: 'Extract fields from supplier invoices',
    environments: ['STAGING', 'PRODUCTION'],
    hostingModes: ['ON_PREMISES'],
    maxDataClassification: 'CONFIDENTIAL',
    personalData: false,
    expectedUsers: 120,
  });

  it('says why a usage falls outside it', () => {
    expect(outsideScope(scope, { ...usage, dataClassification: 'RESTRICTED' })).toEqual([
      'hosting mode VENDOR_API is not in the scope',
      "RESTRICTED data is above the scope's CONFIDENTIAL",
      'personal data is not in the scope',
    ]);
    expect(outsideScope(scope, { ...usage, hostingMode: 'ON_PREMISES', personalData: false })).toEqual([]);
  });

  it('refuses a scope without environments or with a negative user count, naming the field', () => {
    const result = approvalScopeSchema.safeParse({ ...scope, environments: [], expectedUsers: -3 });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['environments', 'must name at least one environment'],
      ['expectedUsers', 'must be at least 1'],
    ]);
  });
});
