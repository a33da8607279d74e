import { Button, Group, MultiSelect, NumberInput, Paper, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import {
  FACT_NAMES,
  FACTS,
  operatorsFor,
  valueShapeOf,
  type Comparison,
  type Condition,
  type FactName,
  type Operator,
} from '@modelgate/domain/policy';
import { countryOptions } from '../../inventory/components/form-parts';
import { factLabels, factOptionLabel, operatorLabels } from '../describe';
import { t } from '../messages';

/** Problems of the policy found by the shared schema, by dotted path ("rules.0.when.all.1.value"). */
export type Issues = ReadonlyMap<string, string>;

const factOptions = FACT_NAMES.map((fact) => ({
  value: fact,
  label: t('policies.condition.factOption', { label: factLabels[fact], fact }),
}));

/** A fresh comparison for a fact: its first operator and an empty value of the right shape. */
export function comparisonFor(fact: FactName, groups: readonly string[]): Comparison {
  const op = operatorsFor(fact)[0]!;
  return { fact, op, ...defaultValue(fact, op, groups) };
}

function defaultValue(fact: FactName, op: Operator, groups: readonly string[]): { value?: unknown } {
  const { kind } = FACTS[fact];
  switch (valueShapeOf(op)) {
    case 'none':
      return {};
    case 'list':
      return { value: [] };
    case 'group':
      return { value: groups[0] ?? '' };
    case 'single':
      if (kind.type === 'boolean') return { value: true };
      if (kind.type === 'number') return { value: 0 };
      return { value: '' };
  }
}

function ValueInput({
  comparison,
  groups,
  error,
  onChange,
}: {
  comparison: Comparison;
  groups: readonly string[];
  error?: string;
  onChange: (value: unknown) => void;
}) {
  const { kind } = FACTS[comparison.fact];
  const shape = valueShapeOf(comparison.op);
  const common = { label: t('policies.condition.value'), error, style: { flex: 1 }, miw: 200 } as const;
  if (shape === 'none') return null;
  if (shape === 'group') {
    return (
      <Select
        {...common}
        allowDeselect={false}
        data={[...groups]}
        value={typeof comparison.value === 'string' ? comparison.value : null}
        onChange={onChange}
      />
    );
  }
  const options =
    kind.type === 'enum'
      ? kind.values.map((value) => ({ value, label: factOptionLabel(comparison.fact, value) }))
      : kind.type === 'country' || kind.type === 'countries'
        ? countryOptions()
        : null;
  if (shape === 'list') {
    const value = Array.isArray(comparison.value) ? (comparison.value as string[]) : [];
    if (options) return <MultiSelect {...common} searchable data={options} value={value} onChange={onChange} />;
    return <TagsInput {...common} value={value} onChange={onChange} description={t('policies.condition.tagsHint')} />;
  }
  if (options) {
    return (
      <Select
        {...common}
        searchable
        allowDeselect={false}
        data={options}
        value={typeof comparison.value === 'string' && comparison.value ? comparison.value : null}
        onChange={onChange}
      />
    );
  }
  if (kind.type === 'boolean') {
    return (
      <Select
        {...common}
        allowDeselect={false}
        data={[
          { value: 'true', label: t('policies.value.true') },
          { value: 'false', label: t('policies.value.false') },
        ]}
        value={String(comparison.value === true)}
        onChange={(next) => onChange(next === 'true')}
      />
    );
  }
  if (kind.type === 'number') {
    return (
      <NumberInput
        {...common}
        value={typeof comparison.value === 'number' ? comparison.value : ''}
        onChange={(next) => onChange(typeof next === 'number' ? next : undefined)}
      />
    );
  }
  return (
    <TextInput
      {...common}
      value={typeof comparison.value === 'string' ? comparison.value : ''}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}

function ComparisonRow({
  comparison,
  path,
  issues,
  groups,
  onChange,
}: {
  comparison: Comparison;
  path: string;
  issues: Issues;
  groups: readonly string[];
  onChange: (next: Condition) => void;
}) {
  return (
    <Group align="flex-start" gap="xs" wrap="wrap" role="group" aria-label={t('policies.condition.comparisonGroup')}>
      <Select
        label={t('policies.condition.fact')}
        searchable
        allowDeselect={false}
        data={factOptions}
        value={comparison.fact}
        onChange={(fact) => fact && onChange(comparisonFor(fact, groups))}
        error={issues.get(`${path}.fact`)}
        w={300}
      />
      <Select
        label={t('policies.condition.operator')}
        allowDeselect={false}
        data={operatorsFor(comparison.fact).map((op) => ({ value: op, label: operatorLabels[op] }))}
        value={comparison.op}
        onChange={(op) => {
          if (!op) return;
          const next = op;
          const sameShape = valueShapeOf(next) === valueShapeOf(comparison.op);
          onChange(
            sameShape
              ? { ...comparison, op: next }
              : { fact: comparison.fact, op: next, ...defaultValue(comparison.fact, next, groups) },
          );
        }}
        error={issues.get(`${path}.op`)}
        w={200}
      />
      <ValueInput
        comparison={comparison}
        groups={groups}
        error={issues.get(`${path}.value`)}
        onChange={(value) => onChange({ ...comparison, value })}
      />
    </Group>
  );
}

/**
 * Edits a condition tree: comparisons of a fact with a value, combined by "all of", "any of" and "not".
 * Each fact offers only the operators and values the shared rule checker accepts.
 */
export function ConditionEditor({
  condition,
  path,
  issues,
  groups,
  onChange,
  onRemove,
}: {
  condition: Condition;
  path: string;
  issues: Issues;
  groups: readonly string[];
  onChange: (next: Condition) => void;
  onRemove?: () => void;
}) {
  const removeButton = onRemove && (
    <Button size="compact-xs" variant="subtle" color="red" onClick={onRemove}>
      {t('policies.condition.remove')}
    </Button>
  );
  if ('all' in condition || 'any' in condition) {
    const mode = 'all' in condition ? 'all' : 'any';
    const children = 'all' in condition ? condition.all : condition.any;
    const setChildren = (next: Condition[]) => onChange(mode === 'all' ? { all: next } : { any: next });
    return (
      <Paper
        withBorder
        p="sm"
        role="group"
        aria-label={mode === 'all' ? t('policies.condition.allOf') : t('policies.condition.anyOf')}
      >
        <Stack gap="xs">
          <Group justify="space-between">
            <Select
              aria-label={t('policies.condition.combine')}
              allowDeselect={false}
              data={[
                { value: 'all', label: t('policies.condition.allHold') },
                { value: 'any', label: t('policies.condition.anyHolds') },
              ]}
              value={mode}
              onChange={(next) => next && onChange(next === 'all' ? { all: children } : { any: children })}
              w={220}
            />
            {removeButton}
          </Group>
          {children.map((child, index) => (
            <ConditionEditor
              key={index}
              condition={child}
              path={`${path}.${mode}.${index}`}
              issues={issues}
              groups={groups}
              onChange={(next) => setChildren(children.map((old, at) => (at === index ? next : old)))}
              onRemove={children.length > 1 ? () => setChildren(children.filter((_, at) => at !== index)) : undefined}
            />
          ))}
          <Group gap="xs">
            <Button
              size="compact-xs"
              variant="light"
              onClick={() => setChildren([...children, comparisonFor('use.environment', groups)])}
            >
              {t('policies.condition.addComparison')}
            </Button>
            <Button
              size="compact-xs"
              variant="light"
              onClick={() => setChildren([...children, { any: [comparisonFor('use.environment', groups)] }])}
            >
              {t('policies.condition.addGroup')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    );
  }
  if ('not' in condition) {
    return (
      <Paper withBorder p="sm" role="group" aria-label={t('policies.condition.notGroup')}>
        <Stack gap="xs">
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {t('policies.condition.notGroup')}
            </Text>
            <Group gap={4}>
              <Button size="compact-xs" variant="subtle" onClick={() => onChange(condition.not)}>
                {t('policies.condition.removeNot')}
              </Button>
              {removeButton}
            </Group>
          </Group>
          <ConditionEditor
            condition={condition.not}
            path={`${path}.not`}
            issues={issues}
            groups={groups}
            onChange={(next) => onChange({ not: next })}
          />
        </Stack>
      </Paper>
    );
  }
  return (
    <Stack gap={4}>
      <ComparisonRow comparison={condition} path={path} issues={issues} groups={groups} onChange={onChange} />
      <Group gap={4}>
        <Button size="compact-xs" variant="subtle" onClick={() => onChange({ all: [condition] })}>
          {t('policies.condition.putInGroup')}
        </Button>
        <Button size="compact-xs" variant="subtle" onClick={() => onChange({ not: condition })}>
          {t('policies.condition.negate')}
        </Button>
        {removeButton}
      </Group>
    </Stack>
  );
}
