import { ActionIcon, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { LineageRelation } from '@modelgate/domain/inventory';
import type { FieldErrors } from '../form-errors';
import { lineageRelationLabels, optionsOf } from '../labels';
import { ModelVersionSelect, type VersionOption } from './model-version-select';

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
    <Stack gap="xs" role="group" aria-label="Bases" aria-describedby={errors.bases ? errorId : undefined}>
      <Text size="sm" fw={500}>
        Bases (the versions it was built from)
      </Text>
      {errors.bases && (
        <Text size="xs" c="red" id={errorId}>
          {errors.bases}
        </Text>
      )}
      {bases.map((base, index) => (
        <Group key={base.key} align="flex-end" wrap="nowrap">
          <ModelVersionSelect
            label={`Base ${index + 1}`}
            value={base.option?.value ?? null}
            initialOption={base.option ?? undefined}
            onChange={(option) => update(base.key, { option })}
            excludeIds={selfId ? [...chosen, selfId] : chosen}
            error={errors[`bases.${index}.modelVersionId`]}
            style={{ flex: 1 }}
          />
          <Select
            label={`Relation to base ${index + 1}`}
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
            aria-label={`Remove base ${index + 1}`}
            onClick={() => onChange(bases.filter((other) => other.key !== base.key))}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button variant="default" size="xs" onClick={() => onChange([...bases, newBaseDraft()])}>
          Add base
        </Button>
      </Group>
    </Stack>
  );
}
