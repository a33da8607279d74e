import { Button, Card, Checkbox, Group, NumberInput, Select, Stack, TextInput, Title } from '@mantine/core';
import { createHostingTargetInputSchema, updateHostingTargetInputSchema } from '@modelgate/domain/inventory';
import { useId, useLayoutEffect, useState, type FormEvent } from 'react';
import { showNotice } from '../../../components/notices';
import { UnsavedChangesGuard } from '../../../components/unsaved-changes-guard';
import type { HostingTargetsQuery } from '../../../gql/graphql';
import { t } from '../deployments-messages';
import { blankToNull, serverFieldErrors, zodFieldErrors, type FieldErrors } from '../form-errors';
import { useCreateHostingTarget, useUpdateHostingTarget } from '../hooks';
import { hostingModeLabels, optionsOf, trainsOnInputsLabels } from '../labels';
import { CountrySelect, FormError } from './form-parts';

export type HostingTarget = HostingTargetsQuery['hostingTargets'][number];

/**
 * A small form for a new place models run; calls `onSaved` with its id. Given a `target`, it edits that one,
 * sending the record version it was loaded at.
 *
 * With `onDirtyChange` the container (the deployment form it sits in, or a `FormDialog`) is told about unsaved
 * changes and warns about them; without it the form warns by itself before the page is left.
 */
export function HostingTargetForm({
  target: openedTarget,
  onSaved,
  onCancel,
  onReload,
  onDirtyChange,
}: {
  target?: HostingTarget;
  onSaved: (id: string) => void;
  onCancel: () => void;
  onReload?: () => void;
  onDirtyChange?: (dirty: boolean) => void;
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

  const fields = { name, mode, operator, region, country, retentionDays, trainsOnInputs, zeroDataRetention };
  // What the form held when it opened: any difference is a change that leaving would lose.
  const [initialFields] = useState(fields);
  const dirty = (Object.keys(fields) as (keyof typeof fields)[]).some((key) => fields[key] !== initialFields[key]);
  // A layout effect: the container knows before the next key press (an Escape right after typing must ask).
  useLayoutEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);
  // Once the form is gone (saved or cancelled), nothing of it is left unsaved.
  useLayoutEffect(() => () => onDirtyChange?.(false), [onDirtyChange]);

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
          showNotice(t('deployments.hosting.saved'), updateHostingTarget.name);
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
        showNotice(t('deployments.hosting.added'), createHostingTarget.name);
        onSaved(createHostingTarget.id);
      },
      onError,
    });
  };

  return (
    <Card withBorder role="group" aria-labelledby={headingId}>
      {!onDirtyChange && <UnsavedChangesGuard when={dirty && !mutation.isSuccess} />}
      <Stack gap="sm">
        <Title order={3} size="h5" id={headingId}>
          {target ? t('deployments.hosting.edit') : t('deployments.hosting.new')}
        </Title>
        <FormError
          error={mutation.error}
          title={target ? t('deployments.changesNotSaved') : t('deployments.hosting.notAdded')}
          onReload={onReload}
          conflictMessage={target ? t('deployments.hosting.conflict') : undefined}
        />
        <Group grow align="flex-start">
          <TextInput
            label={t('deployments.hosting.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            required
          />
          <Select
            label={t('deployments.hosting.mode')}
            data={optionsOf(hostingModeLabels)}
            value={mode}
            onChange={setMode}
            error={errors.mode}
            required
          />
        </Group>
        <Group grow align="flex-start">
          <TextInput
            label={t('deployments.hosting.operator')}
            value={operator}
            onChange={(e) => setOperator(e.currentTarget.value)}
            error={errors.operator}
            required
          />
          <TextInput
            label={t('deployments.hosting.region')}
            value={region}
            onChange={(e) => setRegion(e.currentTarget.value)}
            error={errors.region}
          />
          <CountrySelect
            label={t('deployments.hosting.country')}
            value={country}
            onChange={setCountry}
            error={errors.country}
            required
          />
        </Group>
        <Group grow align="flex-start">
          <NumberInput
            label={t('deployments.hosting.retentionDays')}
            min={0}
            value={retentionDays}
            onChange={setRetentionDays}
            error={errors.retentionDays}
          />
          <Select
            label={t('deployments.hosting.trainsOnInputs')}
            data={optionsOf(trainsOnInputsLabels)}
            value={trainsOnInputs}
            onChange={setTrainsOnInputs}
            error={errors.trainsOnInputs}
            allowDeselect={false}
          />
        </Group>
        <Checkbox
          label={t('deployments.hosting.zeroDataRetention')}
          checked={zeroDataRetention}
          onChange={(e) => setZeroDataRetention(e.currentTarget.checked)}
          error={errors.zeroDataRetention}
        />
        <Group>
          <Button onClick={() => submit()} loading={mutation.isPending}>
            {target ? t('deployments.saveChanges') : t('deployments.hosting.add')}
          </Button>
          <Button variant="subtle" onClick={onCancel}>
            {t('deployments.cancel')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
