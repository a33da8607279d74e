import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_POLICY_SET } from './defaults.js';
import type { PolicyFacts } from './facts.js';
import { FACT_NAMES } from './facts.js';
import {
  checkCondition,
  describePolicyCondition,
  evaluateCondition,
  evaluatePolicy,
  operatorsFor,
  OPERATORS,
  policySetSchema,
  type Condition,
} from './language.js';

/** A US model, licensed MIT, in staging on-premises with internal data, approved: nothing to object to. */
const base: PolicyFacts = {
  'model.developerCountry': 'US',
  'model.effectiveOrigin': ['US'],
  'model.distribution': 'OPEN_WEIGHTS',
  'model.weightsChecksumPresent': true,
  'license.class': 'PERMISSIVE',
  'license.commercialUse': 'ALLOWED',
  'license.userCap': null,
  'license.researchOnly': false,
  'license.missing': false,
  'use.environment': 'STAGING',
  'use.dataClassification': 'INTERNAL',
  'use.personalData': false,
  'use.euAiActCategory': null,
  'hosting.mode': 'ON_PREMISES',
  'hosting.operator': 'Northwind IT',
  'hosting.operatorCountry': 'DE',
  'hosting.trainsOnInputs': 'NO',
  'hosting.retentionDays': null,
  'hosting.zeroDataRetention': false,
  'hosting.weightsVerified': false,
  'approval.status': 'APPROVED',
  'approval.riskTier': 'LOW',
};
const groups = { concern: ['CN', 'RU'] };

describe('rule conditions', () => {
  it.each<[string, Condition, Partial<PolicyFacts>, boolean]>([
    ['eq on an enum', { fact: 'use.environment', op: 'eq', value: 'STAGING' }, {}, true],
    ['in', { fact: 'hosting.mode', op: 'in', value: ['VENDOR_API', 'EDGE'] }, {}, false],
    [
      'atLeast on an ordered enum',
      { fact: 'use.dataClassification', op: 'atLeast', value: 'CONFIDENTIAL' },
      { 'use.dataClassification': 'RESTRICTED' },
      true,
    ],
    ['atMost', { fact: 'use.dataClassification', op: 'atMost', value: 'PUBLIC' }, {}, false],
    ['inGroup', { fact: 'hosting.operatorCountry', op: 'inGroup', value: 'concern' }, { 'hosting.operatorCountry': 'RU' }, true],
    [
      'includesAnyOfGroup',
      { fact: 'model.effectiveOrigin', op: 'includesAnyOfGroup', value: 'concern' },
      { 'model.effectiveOrigin': ['CN', 'US'] },
      true,
    ],
    ['includesAny', { fact: 'model.effectiveOrigin', op: 'includesAny', value: ['FR'] }, {}, false],
    ['contains, ignoring case', { fact: 'hosting.operator', op: 'contains', value: 'northwind' }, {}, true],
    ['eq on text ignores case', { fact: 'hosting.operator', op: 'eq', value: 'NORTHWIND IT' }, {}, true],
    ['gt on an empty number is false', { fact: 'hosting.retentionDays', op: 'gt', value: 0 }, {}, false],
    ['isNull', { fact: 'use.euAiActCategory', op: 'isNull' }, {}, true],
    ['is', { fact: 'license.researchOnly', op: 'is', value: true }, {}, false],
    ['not', { not: { fact: 'license.missing', op: 'is', value: true } }, {}, true],
    [
      'all / any',
      {
        all: [
          { fact: 'use.environment', op: 'eq', value: 'STAGING' },
          {
            any: [
              { fact: 'hosting.mode', op: 'eq', value: 'EDGE' },
              { fact: 'use.personalData', op: 'is', value: false },
            ],
          },
        ],
      },
      {},
      true,
    ],
  ])('%s', (_name, condition, overrides, expected) => {
    expect(evaluateCondition(condition, { ...base, ...overrides }, groups)).toBe(expected);
  });

  it('are type-checked against the fact catalog, naming the place of each problem', () => {
    const unknownFact = policySetSchema.safeParse({
      countryGroups: {},
      rules: [{ id: 'r', name: 'R', outcome: 'DENY', reason: 'Testing', when: { fact: 'no.such.fact', op: 'eq', value: 1 } }],
    });
    expect(unknownFact.success).toBe(false);
    expect(unknownFact.error!.issues[0]!.path.slice(0, 3)).toEqual(['rules', 0, 'when']);
    const semantic = policySetSchema.safeParse({
      countryGroups: { concern: ['CN'] },
      rules: [
        {
          id: 'bad-rule',
          name: 'Bad',
          outcome: 'DENY',
          reason: 'Testing',
          when: {
            all: [
              { fact: 'use.environment', op: 'eq', value: 'PROD' },
              { fact: 'hosting.operatorCountry', op: 'inGroup', value: 'nowhere' },
              { fact: 'license.researchOnly', op: 'atLeast', value: true },
            ],
          },
        },
        {
          id: 'bad-rule',
          name: 'Twice',
          outcome: 'ALLOW',
          reason: 'Testing',
          when: { fact: 'use.personalData', op: 'is', value: true },
        },
      ],
    });
    expect(semantic.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([
      'rules.0.when.all.0.value: must be one of DEVELOPMENT, STAGING, PRODUCTION',
      'rules.0.when.all.1.value: must name a country group (concern)',
      'rules.0.when.all.2.op: license.researchOnly takes is',
      'rules.1.id: repeats the rule id "bad-rule"',
    ]);
  });

  it('never throw on random well-typed facts, and not(c) is always the opposite of c', () => {
    const anyFacts = fc.record({
      'use.environment': fc.constantFrom('DEVELOPMENT', 'STAGING', 'PRODUCTION'),
      'use.dataClassification': fc.constantFrom('PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'RESTRICTED'),
      'hosting.retentionDays': fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
      'model.effectiveOrigin': fc.array(fc.constantFrom('US', 'CN', 'FR', 'RU'), { maxLength: 3 }),
      'use.euAiActCategory': fc.option(fc.constantFrom('PROHIBITED', 'HIGH_RISK', 'TRANSPARENCY', 'MINIMAL'), { nil: null }),
    });
    fc.assert(
      fc.property(anyFacts, (overrides) => {
        const facts = { ...base, ...overrides };
        for (const rule of DEFAULT_POLICY_SET.rules) {
          const holds = evaluateCondition(rule.when, facts, DEFAULT_POLICY_SET.countryGroups);
          expect(evaluateCondition({ not: rule.when }, facts, DEFAULT_POLICY_SET.countryGroups)).toBe(!holds);
        }
      }),
    );
  });
});

describe('what editors are offered', () => {
  it('offers for each fact exactly the operators the checker accepts', () => {
    for (const fact of FACT_NAMES) {
      const offered = operatorsFor(fact);
      for (const op of OPERATORS) {
        const opProblems = checkCondition({ fact, op, value: 'x' }, new Set(['g'])).filter((issue) => issue.path.at(-1) === 'op');
        expect({ fact, op, accepted: opProblems.length === 0 }).toEqual({ fact, op, accepted: offered.includes(op) });
      }
    }
  });

  it('describes a condition in words', () => {
    expect(
      describePolicyCondition({
        all: [
          { fact: 'hosting.operator', op: 'eq', value: 'Northwind IT' },
          { not: { fact: 'use.dataClassification', op: 'in', value: ['PUBLIC', 'INTERNAL'] } },
          { fact: 'license.userCap', op: 'isNull' },
        ],
      }),
    ).toBe(
      '(hosting operator is Northwind IT and not data classification is one of PUBLIC, INTERNAL and license user cap is empty)',
    );
  });
});

describe('the default policy set', () => {
  const decide = (overrides: Partial<PolicyFacts>) => evaluatePolicy(DEFAULT_POLICY_SET, { ...base, ...overrides });

  it('allows an ordinary, permissively licensed model', () => {
    expect(decide({})).toMatchObject({ outcome: 'ALLOW', matched: [] });
  });

  it('denies a missing or unknown license, and a non-commercial one in production only', () => {
    expect(decide({ 'license.missing': true }).outcome).toBe('DENY');
    expect(decide({ 'license.class': 'UNKNOWN' }).matched.map((m) => m.ruleId)).toEqual(['deny-unknown-license']);
    expect(decide({ 'license.class': 'NON_COMMERCIAL' }).outcome).toBe('ALLOW');
    expect(decide({ 'license.class': 'NON_COMMERCIAL', 'use.environment': 'PRODUCTION' }).outcome).toBe('DENY');
  });

  it('denies confidential data to an API that trains on or keeps inputs, not to one with zero data retention', () => {
    const api = { 'hosting.mode': 'VENDOR_API', 'use.dataClassification': 'CONFIDENTIAL' } as const;
    expect(decide({ ...api, 'hosting.trainsOnInputs': 'YES' }).outcome).toBe('DENY');
    expect(decide({ ...api, 'hosting.retentionDays': 30 }).outcome).toBe('DENY');
    expect(decide({ ...api, 'hosting.retentionDays': 30, 'hosting.zeroDataRetention': true }).outcome).toBe('ALLOW');
    expect(decide({ ...api, 'hosting.trainsOnInputs': 'YES', 'use.dataClassification': 'INTERNAL' }).outcome).toBe('ALLOW');
  });

  it('requires security and sovereignty reviews and two approvers for a model of concern, and denies restricted data unless on-premises and verified', () => {
    const qwen = { 'model.effectiveOrigin': ['CN'], 'model.developerCountry': 'CN' };
    expect(decide(qwen)).toMatchObject({
      outcome: 'REQUIRE_REVIEW',
      reviewCategories: ['security', 'sovereignty'],
      approvers: 2,
    });
    expect(decide({ ...qwen, 'use.dataClassification': 'RESTRICTED' }).outcome).toBe('DENY');
    expect(decide({ ...qwen, 'use.dataClassification': 'RESTRICTED', 'hosting.weightsVerified': true }).outcome).toBe(
      'REQUIRE_REVIEW',
    );
    // A US distillation of a Chinese model is still of concern.
    expect(decide({ 'model.effectiveOrigin': ['CN', 'US'] }).outcome).toBe('REQUIRE_REVIEW');
  });

  it('denies EU AI Act prohibited uses and sends high-risk ones to regulatory review', () => {
    expect(decide({ 'use.euAiActCategory': 'PROHIBITED' }).outcome).toBe('DENY');
    expect(decide({ 'use.euAiActCategory': 'HIGH_RISK' })).toMatchObject({
      outcome: 'REQUIRE_REVIEW',
      reviewCategories: ['regulatory'],
    });
  });
});
