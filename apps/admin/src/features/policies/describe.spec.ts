import { describe, expect, it } from '@jest/globals';
import { DEFAULT_POLICY_SET, type PolicyRule } from '@modelgate/domain/policy';
import { daysUntil, describeCondition, factsHere, factsOf, reasonsOfMessage, ruleByMessage } from './describe';

const rule: PolicyRule = {
  id: 'deny-northwind-confidential',
  name: 'No confidential data on the Northwind cluster',
  description: null,
  when: {
    all: [
      { fact: 'hosting.operator', op: 'eq', value: 'Northwind IT' },
      { fact: 'use.dataClassification', op: 'atLeast', value: 'CONFIDENTIAL' },
      { not: { fact: 'model.effectiveOrigin', op: 'includesAny', value: ['CN', 'RU'] } },
    ],
  },
  outcome: 'DENY',
  reviewCategories: [],
  approvers: null,
  reason: 'The Northwind cluster is not certified for confidential data.',
};

describe('rules in words', () => {
  it('describes a condition with fact names, operator words and people-facing values', () => {
    expect(describeCondition(rule.when)).toBe(
      '(hosting operator is Northwind IT and data classification is at least Confidential and not effective origin includes any of China (CN), Russia (RU))',
    );
  });

  it('lists the facts a condition reads once each, in order', () => {
    expect(factsOf(rule.when)).toEqual(['hosting.operator', 'use.dataClassification', 'model.effectiveOrigin']);
  });

  it('shows the values a use has for the facts the rule reads, and leaves unknown facts out', () => {
    expect(
      factsHere(rule, { 'hosting.operator': 'Northwind IT', 'use.dataClassification': 'RESTRICTED', 'use.personalData': true }),
    ).toEqual([
      { fact: 'hosting.operator', label: 'hosting operator', value: 'Northwind IT' },
      { fact: 'use.dataClassification', label: 'data classification', value: 'Restricted' },
    ]);
  });

  it('finds the rules behind a violation message, which joins the decision reasons with " | "', () => {
    const policy = { ...DEFAULT_POLICY_SET, rules: [...DEFAULT_POLICY_SET.rules, rule] };
    const parts = reasonsOfMessage(`${rule.name}: ${rule.reason} | No approval has been requested for this model version`);
    expect(parts).toHaveLength(2);
    expect(ruleByMessage(policy, parts[0]!)?.id).toBe('deny-northwind-confidential');
    expect(ruleByMessage(policy, parts[1]!)).toBeUndefined();
  });

  it('counts calendar days to an instant', () => {
    const now = new Date(2027, 0, 10, 18, 0);
    expect(daysUntil(new Date(2027, 0, 10, 23, 0).toISOString(), now)).toBe(0);
    expect(daysUntil(new Date(2027, 0, 12, 1, 0).toISOString(), now)).toBe(2);
    expect(daysUntil(new Date(2027, 0, 9, 1, 0).toISOString(), now)).toBe(-1);
  });
});
