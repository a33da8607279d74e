import { ActionIcon, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { LineageRelation } from '@modelgate/domain/inventory';
import type { FieldErrors } from '../form-errors';
import { lineageRelationLabels, optionsOf } from '../labels';
import { t } from '../messages';
import { ModelVersionSelect, type VersionOption } from './model-version-select';

/** The remove button's mark; its accessible name says what it removes. */
const REMOVE_MARK = '×';

export type BaseDraft = { key: number; option: VersionOption | null; relation: LineageRelation };

let nextKey = 1;
export function newBaseDraft(
  option: VersionOption | null = null,
  relation: LineageRelation = LineageRelation.FineTune,
): BaseDraft {
  return { key: nextKey++, option, relation };
}

/** The versions this one was built from, each with how it was built. */
export function LineageBasesField({
  bases,
  onChange,
  errors,
  selfId,
}: {
  bases: readonly BaseDraft[];
  onChange: (bases: BaseDraft[]) => void;
  errors: FieldErrors;
  selfId?: string;
}) {
  const update = (key: number, change: Partial<BaseDraft>) =>
    onChange(bases.map((base) => (base.key === key ? { ...base, ...change } : base)));
  const errorId = useId();
  const chosen = bases.flatMap((base) => (base.option ? [base.option.value] : []));
  return (
    <Stack
      gap="xs"
      role="group"
      aria-label={t('inventory.form.bases.label')}
      aria-describedby={errors.bases ? errorId : undefined}
    >
      <Text size="sm" fw={500}>
        {t('inventory.form.bases.title')}
      </Text>
      {errors.bases && (
        <Text size="xs" c="red" id={errorId}>
          {errors.bases}
        </Text>
      )}
      {bases.map((base, index) => (
        <Group key={base.key} align="flex-end" wrap="nowrap">
          <ModelVersionSelect
            label={t('inventory.form.bases.base', { number: index + 1 })}
            value={base.option?.value ?? null}
            initialOption={base.option ?? undefined}
            onChange={(option) => update(base.key, { option })}
            excludeIds={selfId ? [...chosen, selfId] : chosen}
            error={errors[`bases.${index}.modelVersionId`]}
            style={{ flex: 1 }}
          />
          <Select
            label={t('inventory.form.bases.relation', { number: index + 1 })}
            data={optionsOf(lineageRelationLabels)}
            value={base.relation}
            onChange={(relation) => relation && update(base.key, { relation: relation })}
            error={errors[`bases.${index}.relation`]}
            allowDeselect={false}
            w={180}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            mb={4}
            aria-label={t('inventory.form.bases.remove', { number: index + 1 })}
            onClick={() => onChange(bases.filter((other) => other.key !== base.key))}
          >
            {REMOVE_MARK}
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button variant="default" size="xs" onClick={() => onChange([...bases, newBaseDraft()])}>
          {t('inventory.form.bases.add')}
        </Button>
      </Group>
    </Stack>
  );
}
