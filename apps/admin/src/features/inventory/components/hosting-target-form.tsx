import { Button, Card, Checkbox, Group, NumberInput, Select, Stack, TextInput, Title } from '@mantine/core';
import { createHostingTargetInputSchema } from '@modelgate/domain/inventory';
import { useState, type FormEvent } from 'react';
import { showNotice } from '../../../components/notices';
import { blankToNull, serverFieldErrors, zodFieldErrors, type FieldErrors } from '../form-errors';
import { useCreateHostingTarget } from '../hooks';
import { hostingModeLabels, optionsOf, trainsOnInputsLabels } from '../labels';
import { CountrySelect, FormError } from './form-parts';

/** A small form for a new place models run; calls `onCreated` with its id. */
export function HostingTargetForm({ onCreated, onCancel }: { onCreated: (id: string) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [mode, setMode] = useState<string | null>(null);
  const [operator, setOperator] = useState('');
  const [region, setRegion] = useState('');
  const [country, setCountry] = useState<string | null>(null);
  const [retentionDays, setRetentionDays] = useState<number | string>('');
  const [trainsOnInputs, setTrainsOnInputs] = useState<string | null>('UNKNOWN');
  const [zeroDataRetention, setZeroDataRetention] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useCreateHostingTarget();

  // A nested <form> is not allowed inside the deployment form, so this is a group submitted by its button.
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const parsed = createHostingTargetInputSchema.safeParse({
      name,
      mode,
      operator,
      region: blankToNull(region),
      country,
      retentionDays: typeof retentionDays === 'number' ? retentionDays : null,
      trainsOnInputs,
      zeroDataRetention,
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: ({ createHostingTarget }) => {
        showNotice('Hosting target added', createHostingTarget.name);
        onCreated(createHostingTarget.id);
      },
      onError: (error) => setErrors(serverFieldErrors(error)),
    });
  };

  return (
    <Card withBorder role="group" aria-labelledby="new-hosting-target-heading">
      <Stack gap="sm">
        <Title order={3} size="h5" id="new-hosting-target-heading">
          New hosting target
        </Title>
        <FormError error={create.error} title="The hosting target was not added" />
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
        />
        <Group>
          <Button onClick={() => submit()} loading={create.isPending}>
            Add hosting target
          </Button>
          <Button variant="subtle" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
