import { z } from 'zod';
import { reviewCategorySchema, type ReviewCategory } from '../approvals/risk.js';
import { isCountryCode } from '../inventory/countries.js';
import { FACT_NAMES, FACTS, type FactName, type PolicyFacts } from './facts.js';

/**
 * The rule language: conditions are JSON trees of `all` / `any` / `not` over comparisons of one fact
 * with a value. The same zod schema validates rules in the admin app's editor and in the API.
 */
export const OPERATORS = [
  'eq',
  'neq',
  'in',
  'notIn',
  'atLeast',
  'atMost',
  'inGroup',
  'notInGroup',
  'includesAny',
  'includesAnyOfGroup',
  'contains',
  'lt',
  'lte',
  'gt',
  'gte',
  'is',
  'isNull',
  'isNotNull',
] as const;
export type Operator = (typeof OPERATORS)[number];

export type Comparison = { fact: FactName; op: Operator; value?: unknown };
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | Comparison;

const comparisonSchema = z.object({
  fact: z.enum(FACT_NAMES as [FactName, ...FactName[]], { error: () => 'must be a known fact, e.g. model.effectiveOrigin' }),
  op: z.enum(OPERATORS, { error: () => `must be one of ${OPERATORS.join(', ')}` }),
  value: z.unknown().optional(),
});

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union(
    [
      z.object({ all: z.array(conditionSchema).min(1, 'must hold at least one condition').max(50) }).strict(),
      z.object({ any: z.array(conditionSchema).min(1, 'must hold at least one condition').max(50) }).strict(),
      z.object({ not: conditionSchema }).strict(),
      comparisonSchema.strict(),
    ],
    { error: () => 'must be {all: [...]}, {any: [...]}, {not: ...} or {fact, op, value}' },
  ),
);

/** Which operators each kind of fact takes, and what value each operator needs. */
const OPERATORS_BY_KIND: Record<string, readonly Operator[]> = {
  enum: ['eq', 'neq', 'in', 'notIn'],
  orderedEnum: ['eq', 'neq', 'in', 'notIn', 'atLeast', 'atMost'],
  country: ['eq', 'neq', 'in', 'notIn', 'inGroup', 'notInGroup'],
  countries: ['includesAny', 'includesAnyOfGroup'],
  string: ['eq', 'neq', 'in', 'notIn', 'contains'],
  number: ['eq', 'neq', 'lt', 'lte', 'gt', 'gte'],
  boolean: ['is'],
};

/** The operators a fact takes, as the rule checker accepts them (editors offer exactly these). */
export function operatorsFor(fact: FactName): Operator[] {
  return [...OPERATORS_BY_KIND[kindKey(fact)]!, ...(FACTS[fact].nullable ? (['isNull', 'isNotNull'] as const) : [])];
}

/** What value an operator needs for a fact: none, one, a list, or the name of a country group. */
export function valueShapeOf(op: Operator): 'none' | 'single' | 'list' | 'group' {
  if (op === 'isNull' || op === 'isNotNull') return 'none';
  if (op === 'in' || op === 'notIn' || op === 'includesAny') return 'list';
  if (op === 'inGroup' || op === 'notInGroup' || op === 'includesAnyOfGroup') return 'group';
  return 'single';
}

const OPERATOR_WORDS: Record<Operator, string> = {
  eq: 'is',
  neq: 'is not',
  in: 'is one of',
  notIn: 'is none of',
  atLeast: 'is at least',
  atMost: 'is at most',
  inGroup: 'is in the group',
  notInGroup: 'is not in the group',
  includesAny: 'includes any of',
  includesAnyOfGroup: 'includes a country of the group',
  contains: 'contains',
  lt: 'is below',
  lte: 'is at most',
  gt: 'is above',
  gte: 'is at least',
  is: 'is',
  isNull: 'is empty',
  isNotNull: 'is not empty',
};

export const operatorLabel = (op: Operator): string => OPERATOR_WORDS[op];

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(describeValue).join(', ');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** A condition as one line for people, e.g. "(hosting operator is Northwind IT and data classification is at least CONFIDENTIAL)". */
export function describePolicyCondition(condition: Condition): string {
  if ('all' in condition) return group(condition.all, 'and');
  if ('any' in condition) return group(condition.any, 'or');
  if ('not' in condition) return `not ${describePolicyCondition(condition.not)}`;
  const { fact, op, value } = condition;
  const words = `${FACTS[fact].label} ${OPERATOR_WORDS[op]}`;
  return valueShapeOf(op) === 'none' ? words : `${words} ${describeValue(value)}`;
}

function group(conditions: Condition[], joiner: string): string {
  const parts = conditions.map(describePolicyCondition);
  return parts.length === 1 ? parts[0]! : `(${parts.join(` ${joiner} `)})`;
}

export type ConditionIssue = { path: (string | number)[]; message: string };

function kindKey(fact: FactName): string {
  const { kind } = FACTS[fact];
  return kind.type === 'enum' && kind.ordered ? 'orderedEnum' : kind.type;
}

/** Type-checks a parsed condition against the fact catalog and the named country groups. */
export function checkCondition(
  condition: Condition,
  countryGroups: ReadonlySet<string>,
  path: (string | number)[] = [],
): ConditionIssue[] {
  if ('all' in condition) return condition.all.flatMap((c, i) => checkCondition(c, countryGroups, [...path, 'all', i]));
  if ('any' in condition) return condition.any.flatMap((c, i) => checkCondition(c, countryGroups, [...path, 'any', i]));
  if ('not' in condition) return checkCondition(condition.not, countryGroups, [...path, 'not']);
  const { fact, op, value } = condition;
  const definition = FACTS[fact];
  const issue = (message: string, at: string = 'value'): ConditionIssue[] => [{ path: [...path, at], message }];
  if (op === 'isNull' || op === 'isNotNull') {
    if (!definition.nullable) return issue(`${fact} is never empty; ${op} does not apply`, 'op');
    return value === undefined ? [] : issue(`must be left out for ${op}`);
  }
  const allowed = OPERATORS_BY_KIND[kindKey(fact)]!;
  if (!allowed.includes(op))
    return issue(`${fact} takes ${allowed.join(', ')}${definition.nullable ? ', isNull, isNotNull' : ''}`, 'op');
  const single = (candidate: unknown): string | null => checkValue(fact, candidate);
  if (op === 'in' || op === 'notIn' || op === 'includesAny') {
    if (!Array.isArray(value) || value.length === 0) return issue('must be a non-empty list');
    const bad = value.map(single).find((problem) => problem !== null);
    return bad ? issue(bad) : [];
  }
  if (op === 'inGroup' || op === 'notInGroup' || op === 'includesAnyOfGroup') {
    if (typeof value !== 'string' || !countryGroups.has(value)) {
      return issue(`must name a country group (${[...countryGroups].join(', ') || 'none defined'})`);
    }
    return [];
  }
  if (op === 'contains') return typeof value === 'string' && value.length > 0 ? [] : issue('must be a non-empty text');
  const problem = single(value);
  return problem ? issue(problem) : [];
}

function checkValue(fact: FactName, value: unknown): string | null {
  const { kind } = FACTS[fact];
  switch (kind.type) {
    case 'enum':
      return typeof value === 'string' && kind.values.includes(value) ? null : `must be one of ${kind.values.join(', ')}`;
    case 'country':
    case 'countries':
      return typeof value === 'string' && isCountryCode(value) ? null : 'must be an ISO 3166-1 alpha-2 country code';
    case 'string':
      return typeof value === 'string' && value.length > 0 ? null : 'must be a non-empty text';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
  }
}

export const PolicyOutcome = { Allow: 'ALLOW', RequireReview: 'REQUIRE_REVIEW', Deny: 'DENY' } as const;
export type PolicyOutcome = (typeof PolicyOutcome)[keyof typeof PolicyOutcome];
const OUTCOME_ORDER: readonly PolicyOutcome[] = ['ALLOW', 'REQUIRE_REVIEW', 'DENY'];

export const ruleSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lower-case words joined by dashes, e.g. "deny-unknown-license"'),
  name: z.string().trim().min(1, 'must not be empty').max(200),
  description: z
    .string()
    .trim()
    .max(2000)
    .nullish()
    .transform((v) => v ?? null),
  when: conditionSchema,
  outcome: z.enum(OUTCOME_ORDER as [PolicyOutcome, ...PolicyOutcome[]], { error: () => 'must be ALLOW, REQUIRE_REVIEW or DENY' }),
  /** For REQUIRE_REVIEW: the review categories and the fewest approvers this rule asks for. */
  reviewCategories: z.array(reviewCategorySchema).max(6).default([]),
  approvers: z
    .number()
    .int()
    .min(1)
    .max(5)
    .nullish()
    .transform((v) => v ?? null),
  /** Shown with every decision the rule takes part in. */
  reason: z.string().trim().min(1, 'must say why, for the people the decision is shown to').max(500),
});
export type PolicyRule = z.output<typeof ruleSchema>;

export const policySetSchema = z
  .object({
    countryGroups: z.record(
      z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'group names are lower-case words joined by dashes'),
      z.array(z.string().refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code')).max(250),
    ),
    rules: z.array(ruleSchema).max(200),
  })
  .superRefine((set, ctx) => {
    const groups = new Set(Object.keys(set.countryGroups));
    const seen = new Set<string>();
    set.rules.forEach((rule, index) => {
      if (seen.has(rule.id))
        ctx.addIssue({ code: 'custom', path: ['rules', index, 'id'], message: `repeats the rule id "${rule.id}"` });
      seen.add(rule.id);
      for (const issue of checkCondition(rule.when, groups)) {
        ctx.addIssue({ code: 'custom', path: ['rules', index, 'when', ...issue.path], message: issue.message });
      }
      if (rule.outcome !== 'REQUIRE_REVIEW' && (rule.reviewCategories.length || rule.approvers)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'reviewCategories'],
          message: 'only REQUIRE_REVIEW rules ask for reviews',
        });
      }
    });
  });
export type PolicySet = z.output<typeof policySetSchema>;

/** Whether the condition holds for these facts. Comparisons with an empty fact are false (except isNull). */
export function evaluateCondition(
  condition: Condition,
  facts: PolicyFacts,
  groups: Readonly<Record<string, readonly string[]>>,
): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, facts, groups));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, facts, groups));
  if ('not' in condition) return !evaluateCondition(condition.not, facts, groups);
  const actual = facts[condition.fact] as unknown;
  const { op, value } = condition;
  if (op === 'isNull') return actual === null;
  if (op === 'isNotNull') return actual !== null;
  if (actual === null || actual === undefined) return false;
  switch (op) {
    case 'eq':
      return sameValue(actual, value);
    case 'neq':
      return !sameValue(actual, value);
    case 'in':
      return (value as unknown[]).some((v) => sameValue(actual, v));
    case 'notIn':
      return !(value as unknown[]).some((v) => sameValue(actual, v));
    case 'atLeast':
      return enumRank(condition.fact, actual) >= enumRank(condition.fact, value);
    case 'atMost':
      return enumRank(condition.fact, actual) <= enumRank(condition.fact, value);
    case 'inGroup':
      return groupMembers(groups, value).includes(actual as string);
    case 'notInGroup':
      return !groupMembers(groups, value).includes(actual as string);
    case 'includesAny':
      return (actual as string[]).some((v) => (value as string[]).includes(v));
    case 'includesAnyOfGroup': {
      const members = groupMembers(groups, value);
      return (actual as string[]).some((v) => members.includes(v));
    }
    case 'contains':
      return typeof actual === 'string' && typeof value === 'string' && actual.toLowerCase().includes(value.toLowerCase());
    case 'lt':
      return (actual as number) < (value as number);
    case 'lte':
      return (actual as number) <= (value as number);
    case 'gt':
      return (actual as number) > (value as number);
    case 'gte':
      return (actual as number) >= (value as number);
    case 'is':
      return actual === value;
  }
}

/** Texts compare without regard to case (operator names are typed by people); everything else exactly. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
}

// Plain functions, not closures made per condition: a decision evaluates every rule's conditions.
function groupMembers(groups: Readonly<Record<string, readonly string[]>>, name: unknown): readonly string[] {
  return groups[name as string] ?? [];
}

function enumRank(fact: FactName, value: unknown): number {
  const { kind } = FACTS[fact];
  return kind.type === 'enum' ? kind.values.indexOf(value as string) : -1;
}

export type MatchedRule = { ruleId: string; name: string; outcome: PolicyOutcome; reason: string };

export type PolicyEvaluation = {
  /** The most severe outcome among the matching rules; ALLOW when none matches. */
  outcome: PolicyOutcome;
  matched: MatchedRule[];
  reviewCategories: ReviewCategory[];
  /** The most approvers any matching REQUIRE_REVIEW rule asks for, or null. */
  approvers: number | null;
};

export function evaluatePolicy(set: PolicySet, facts: PolicyFacts): PolicyEvaluation {
  const matched = set.rules.filter((rule) => evaluateCondition(rule.when, facts, set.countryGroups));
  const outcome = matched.reduce<PolicyOutcome>(
    (worst, rule) => (OUTCOME_ORDER.indexOf(rule.outcome) > OUTCOME_ORDER.indexOf(worst) ? rule.outcome : worst),
    'ALLOW',
  );
  const reviewing = matched.filter((rule) => rule.outcome === 'REQUIRE_REVIEW');
  const approvers = reviewing.reduce<number | null>(
    (most, rule) => (rule.approvers && rule.approvers > (most ?? 0) ? rule.approvers : most),
    null,
  );
  return {
    outcome,
    matched: matched.map((rule) => ({ ruleId: rule.id, name: rule.name, outcome: rule.outcome, reason: rule.reason })),
    reviewCategories: [...new Set(reviewing.flatMap((rule) => rule.reviewCategories))],
    approvers,
  };
}
