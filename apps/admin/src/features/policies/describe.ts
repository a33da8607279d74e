import {
  FACTS,
  valueShapeOf,
  type Condition,
  type FactName,
  type Operator,
  type PolicyFacts,
  type PolicyRule,
  type PolicySet,
} from '@modelgate/domain/policy';
import type { PolicyHostingFactsFragment, PolicyModelFactsFragment } from '../../gql/graphql';
import { formatCountry, formatNumber } from '../../i18n/format';
import { riskTierLabels } from '../approvals/labels';
import {
  approvalStateLabels,
  dataClassificationLabels,
  distributionLabels,
  environmentLabels,
  euAiActCategoryLabels,
  hostingModeLabels,
  licenseClassLabels,
  trainsOnInputsLabels,
} from '../inventory/labels';
import { t } from './messages';

/**
 * Rules in words, from this feature's catalog: the facts a rule reads, its operators, its values, and the values a
 * deployment or a question actually has, so every decision can show why a rule matched.
 */

export const factLabels: Record<FactName, string> = {
  'model.developerCountry': t('policies.fact.model.developerCountry'),
  'model.effectiveOrigin': t('policies.fact.model.effectiveOrigin'),
  'model.distribution': t('policies.fact.model.distribution'),
  'model.weightsChecksumPresent': t('policies.fact.model.weightsChecksumPresent'),
  'license.class': t('policies.fact.license.class'),
  'license.commercialUse': t('policies.fact.license.commercialUse'),
  'license.userCap': t('policies.fact.license.userCap'),
  'license.researchOnly': t('policies.fact.license.researchOnly'),
  'license.missing': t('policies.fact.license.missing'),
  'use.environment': t('policies.fact.use.environment'),
  'use.dataClassification': t('policies.fact.use.dataClassification'),
  'use.personalData': t('policies.fact.use.personalData'),
  'use.euAiActCategory': t('policies.fact.use.euAiActCategory'),
  'hosting.mode': t('policies.fact.hosting.mode'),
  'hosting.operator': t('policies.fact.hosting.operator'),
  'hosting.operatorCountry': t('policies.fact.hosting.operatorCountry'),
  'hosting.trainsOnInputs': t('policies.fact.hosting.trainsOnInputs'),
  'hosting.retentionDays': t('policies.fact.hosting.retentionDays'),
  'hosting.zeroDataRetention': t('policies.fact.hosting.zeroDataRetention'),
  'hosting.weightsVerified': t('policies.fact.hosting.weightsVerified'),
  'approval.status': t('policies.fact.approval.status'),
  'approval.riskTier': t('policies.fact.approval.riskTier'),
};

export const operatorLabels: Record<Operator, string> = {
  eq: t('policies.operator.eq'),
  neq: t('policies.operator.neq'),
  in: t('policies.operator.in'),
  notIn: t('policies.operator.notIn'),
  atLeast: t('policies.operator.atLeast'),
  atMost: t('policies.operator.atMost'),
  inGroup: t('policies.operator.inGroup'),
  notInGroup: t('policies.operator.notInGroup'),
  includesAny: t('policies.operator.includesAny'),
  includesAnyOfGroup: t('policies.operator.includesAnyOfGroup'),
  contains: t('policies.operator.contains'),
  lt: t('policies.operator.lt'),
  lte: t('policies.operator.lte'),
  gt: t('policies.operator.gt'),
  gte: t('policies.operator.gte'),
  is: t('policies.operator.is'),
  isNull: t('policies.operator.isNull'),
  isNotNull: t('policies.operator.isNotNull'),
};

const commercialUseValueLabels: Record<string, string> = {
  ALLOWED: t('policies.value.commercialUse.ALLOWED'),
  CONDITIONAL: t('policies.value.commercialUse.CONDITIONAL'),
  PROHIBITED: t('policies.value.commercialUse.PROHIBITED'),
};

/** The people-facing names of each enum fact's values; other values show as they are written in the rule. */
const enumValueLabels: Partial<Record<FactName, Readonly<Record<string, string>>>> = {
  'model.distribution': distributionLabels,
  'license.class': licenseClassLabels,
  'license.commercialUse': commercialUseValueLabels,
  'use.environment': environmentLabels,
  'use.dataClassification': dataClassificationLabels,
  'use.euAiActCategory': euAiActCategoryLabels,
  'hosting.mode': hostingModeLabels,
  'hosting.trainsOnInputs': trainsOnInputsLabels,
  'approval.status': approvalStateLabels,
  'approval.riskTier': riskTierLabels,
};

/** One value of a fact as people read it: "Confidential", "China (CN)", "true", "30". */
export function factValueText(fact: FactName, value: unknown): string {
  if (Array.isArray(value)) {
    return value.length === 0 ? t('policies.value.emptyList') : value.map((item) => factValueText(fact, item)).join(', ');
  }
  if (value === null || value === undefined) return t('policies.value.empty');
  const { kind } = FACTS[fact];
  if (typeof value === 'boolean') return value ? t('policies.value.true') : t('policies.value.false');
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value !== 'string') return JSON.stringify(value);
  if (kind.type === 'country' || kind.type === 'countries') return formatCountry(value);
  return enumValueLabels[fact]?.[value] ?? value;
}

/** An enum value as the editor offers it: its name and, when they differ, the value the rule stores. */
export function factOptionLabel(fact: FactName, value: string): string {
  const label = enumValueLabels[fact]?.[value];
  return label && label !== value ? t('policies.value.option', { label, value }) : value;
}

function describeComparison(fact: FactName, op: Operator, value: unknown): string {
  const words = { fact: factLabels[fact], operator: operatorLabels[op] };
  switch (valueShapeOf(op)) {
    case 'none':
      return t('policies.condition.comparisonNoValue', words);
    case 'group':
      return t('policies.condition.comparison', { ...words, value: typeof value === 'string' ? value : '' });
    default:
      return t('policies.condition.comparison', { ...words, value: factValueText(fact, value) });
  }
}

function describeGroup(conditions: readonly Condition[], joiner: string): string {
  const parts = conditions.map(describeCondition);
  return parts.length === 1 ? parts[0]! : t('policies.condition.group', { parts: parts.join(` ${joiner} `) });
}

/** A condition as one line, e.g. "(hosting operator is Northwind IT and data classification is at least Confidential)". */
export function describeCondition(condition: Condition): string {
  if ('all' in condition) return describeGroup(condition.all, t('policies.condition.and'));
  if ('any' in condition) return describeGroup(condition.any, t('policies.condition.or'));
  if ('not' in condition) return t('policies.condition.not', { condition: describeCondition(condition.not) });
  return describeComparison(condition.fact, condition.op, condition.value);
}

/** The facts a condition reads, each once, in the order they appear. */
export function factsOf(condition: Condition): FactName[] {
  const found = new Set<FactName>();
  const walk = (node: Condition) => {
    if ('all' in node) node.all.forEach(walk);
    else if ('any' in node) node.any.forEach(walk);
    else if ('not' in node) walk(node.not);
    else found.add(node.fact);
  };
  walk(condition);
  return [...found];
}

export type KnownFacts = Partial<PolicyFacts>;

/** What the rules read of a model version, as the API computes it (apps/api/src/policies/policy-facts.ts). */
export function modelFacts(model: PolicyModelFactsFragment): KnownFacts {
  return {
    'model.developerCountry': model.developerCountry,
    'model.effectiveOrigin': model.effectiveOrigin,
    'model.distribution': model.distribution,
    'model.weightsChecksumPresent': model.weightsSha256 !== null,
    'license.class': model.licenseClass,
    'license.commercialUse': model.obligations.commercialUse,
    'license.userCap': model.obligations.userCap,
    'license.researchOnly': model.obligations.researchOnly,
    'license.missing': (model.concludedLicense ?? model.declaredLicense).trim() === '' || model.obligations.incomplete,
  };
}

export function hostingFacts(target: PolicyHostingFactsFragment): KnownFacts {
  return {
    'hosting.mode': target.mode,
    'hosting.operator': target.operator,
    'hosting.operatorCountry': target.country,
    'hosting.trainsOnInputs': target.trainsOnInputs,
    'hosting.retentionDays': target.retentionDays,
    'hosting.zeroDataRetention': target.zeroDataRetention,
  };
}

/**
 * What the rules read of a use. No weights checksum comes with a gate question from this page or with the drift
 * sweep, so the weights are never verified there.
 */
export function factsOfUse(use: {
  environment: string;
  dataClassification: string;
  personalData: boolean;
  euAiActCategory: string | null;
}): KnownFacts {
  return {
    'use.environment': use.environment,
    'use.dataClassification': use.dataClassification,
    'use.personalData': use.personalData,
    'use.euAiActCategory': use.euAiActCategory,
    'hosting.weightsVerified': false,
  };
}

export type FactHere = { fact: FactName; label: string; value: string };

/** The values this use has for the facts a rule reads (approval facts are not known on these pages). */
export function factsHere(rule: Pick<PolicyRule, 'when'>, facts: KnownFacts): FactHere[] {
  return factsOf(rule.when)
    .filter((fact) => fact in facts)
    .map((fact) => ({ fact, label: factLabels[fact], value: factValueText(fact, facts[fact]) }));
}

/** The rule a decision reason names: by its id, or, in a violation's message, by the "name: reason" it shows. */
export function ruleById(policy: PolicySet | null | undefined, ruleId: string | null | undefined): PolicyRule | undefined {
  return ruleId ? policy?.rules.find((rule) => rule.id === ruleId) : undefined;
}

export function ruleByMessage(policy: PolicySet | null | undefined, message: string): PolicyRule | undefined {
  return policy?.rules.find((rule) => message === `${rule.name}: ${rule.reason}`);
}

/** A violation's message is its decision's reasons joined by " | " (apps/api/src/policies/drift.service.ts). */
export function reasonsOfMessage(message: string): string[] {
  return message
    .split(' | ')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Calendar days, in the reader's time zone, from today to an instant's day: positive ahead, negative past, 0 today. */
export function daysUntil(iso: string, now: Date = new Date()): number {
  const startOfDay = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  return Math.round((startOfDay(new Date(iso)) - startOfDay(now)) / 86_400_000);
}
