import { Button, Card, Checkbox, Group, NumberInput, Select, Stack, TextInput, Title } from '@mantine/core';
import { createHostingTargetInputSchema, updateHostingTargetInputSchema } from '@modelgate/domain/inventory';
import { useId, useState, type FormEvent } from 'react';
import { showNotice } from '../../../components/notices';
import type { HostingTargetsQuery } from '../../../gql/graphql';
import { blankToNull, serverFieldErrors, zodFieldErrors, type FieldErrors } from '../form-errors';
import { useCreateHostingTarget, useUpdateHostingTarget } from '../hooks';
import { hostingModeLabels, optionsOf, trainsOnInputsLabels } from '../labels';
import { CountrySelect, FormError } from './form-parts';

export type HostingTarget = HostingTargetsQuery['hostingTargets'][number];

/**
 * A small form for a new place models run; calls `onSaved` with its id. Given a `target`, it edits that one,
 * sending the record version it was loaded at.
 */
export function HostingTargetForm({
  target: openedTarget,
  onSaved,
  onCancel,
  onReload,
}: {
  target?: HostingTarget;
  onSaved: (id: string) => void;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const headingId = useId();
  // The record as the form opened it: a background refetch must not move the version the edit is based on.
  const [target] = useState(openedTarget);
  const [name, setName] = useState(target?.name ?? '');
  const [mode, setMode] = useState<string | null>(target?.mode ?? null);
  const [operator, setOperator] = useState(target?.operator ?? '');
  const [region, setRegion] = useState(target?.region ?? '');
  const [country, setCountry] = useState<string | null>(target?.country ?? null);
  const [retentionDays, setRetentionDays] = useState<number | string>(target?.retentionDays ?? '');
  const [trainsOnInputs, setTrainsOnInputs] = useState<string | null>(target?.trainsOnInputs ?? 'UNKNOWN');
  const [zeroDataRetention, setZeroDataRetention] = useState(target?.zeroDataRetention ?? false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useCreateHostingTarget();
  const update = useUpdateHostingTarget();
  const mutation = target ? update : create;

  // A nested <form> is not allowed inside the deployment form, so this is a group submitted by its button.
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const values = {
      name,
      mode,
      operator,
      region: blankToNull(region),
      country,
      retentionDays: typeof retentionDays === 'number' ? retentionDays : null,
      trainsOnInputs,
      zeroDataRetention,
    };
    const onError = (error: unknown) => setErrors(serverFieldErrors(error));
    if (target) {
      const parsed = updateHostingTargetInputSchema.safeParse({ ...values, id: target.id, expectedVersion: target.version });
      if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
      setErrors({});
      update.mutate(parsed.data, {
        onSuccess: ({ updateHostingTarget }) => {
          showNotice('Hosting target saved', updateHostingTarget.name);
          onSaved(updateHostingTarget.id);
        },
        onError,
      });
      return;
    }
    const parsed = createHostingTargetInputSchema.safeParse(values);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: ({ createHostingTarget }) => {
        showNotice('Hosting target added', createHostingTarget.name);
        onSaved(createHostingTarget.id);
      },
      onError,
    });
  };

  return (
    <Card withBorder role="group" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={3} size="h5" id={headingId}>
          {target ? 'Edit hosting target' : 'New hosting target'}
        </Title>
        <FormError
          error={mutation.error}
          title={target ? 'The changes were not saved' : 'The hosting target was not added'}
          onReload={onReload}
          conflictMessage={
            target ? 'Someone changed this hosting target since you opened it — reload to see their change' : undefined
          }
        />
        <Group grow align="flex-start">
          <TextInput
            label="Hosting target name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            required
          />
          <Select
            label="Hosting mode"
            data={optionsOf(hostingModeLabels)}
            value={mode}
            onChange={setMode}
            error={errors.mode}
            required
          />
        </Group>
        <Group grow align="flex-start">
          <TextInput
            label="Operator"
            value={operator}
            onChange={(e) => setOperator(e.currentTarget.value)}
            error={errors.operator}
            required
          />
          <TextInput label="Region" value={region} onChange={(e) => setRegion(e.currentTarget.value)} error={errors.region} />
          <CountrySelect label="Processing country" value={country} onChange={setCountry} error={errors.country} required />
        </Group>
        <Group grow align="flex-start">
          <NumberInput
            label="Retention (days)"
            min={0}
            value={retentionDays}
            onChange={setRetentionDays}
            error={errors.retentionDays}
          />
          <Select
            label="Trains on inputs"
            data={optionsOf(trainsOnInputsLabels)}
            value={trainsOnInputs}
            onChange={setTrainsOnInputs}
            error={errors.trainsOnInputs}
            allowDeselect={false}
          />
        </Group>
        <Checkbox
          label="Zero-data-retention agreement"
          checked={zeroDataRetention}
          onChange={(e) => setZeroDataRetention(e.currentTarget.checked)}
          error={errors.zeroDataRetention}
        />
        <Group>
          <Button onClick={() => submit()} loading={mutation.isPending}>
            {target ? 'Save changes' : 'Add hosting target'}
          </Button>
          <Button variant="subtle" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
