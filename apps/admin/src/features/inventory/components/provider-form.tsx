import { Button, Card, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { createProviderInputSchema } from '@modelgate/domain/inventory';
import { useState } from 'react';
import { showNotice } from '../../../components/notices';
import { blankToNull, serverFieldErrors, zodFieldErrors, type FieldErrors } from '../form-errors';
import { useCreateProvider } from '../hooks';
import { optionsOf, providerTypeLabels } from '../labels';
import { CountrySelect, FormError } from './form-parts';

export type CreatedProvider = { id: string; name: string; headquartersCountry: string };

/** Adds a provider without leaving the form it is needed in. */
export function ProviderForm({ onCreated, onCancel }: { onCreated: (provider: CreatedProvider) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [legalEntity, setLegalEntity] = useState('');
  const [headquartersCountry, setHeadquartersCountry] = useState<string | null>(null);
  const [type, setType] = useState<string | null>('COMPANY');
  const [website, setWebsite] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useCreateProvider();

  const submit = () => {
    const parsed = createProviderInputSchema.safeParse({
      name,
      legalEntity,
      headquartersCountry,
      type,
      website: blankToNull(website),
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: ({ createProvider }) => {
        showNotice('Provider added', createProvider.name);
        onCreated(createProvider);
      },
      onError: (error) => setErrors(serverFieldErrors(error)),
    });
  };

  return (
    <Card withBorder role="group" aria-labelledby="new-provider-heading">
      <Stack gap="sm">
        <Title order={3} size="h5" id="new-provider-heading">
          New provider
        </Title>
        <FormError error={create.error} title="The provider was not added" />
        <Group grow align="flex-start">
          <TextInput
            label="Provider name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            required
          />
          <TextInput
            label="Legal entity"
            value={legalEntity}
            onChange={(e) => setLegalEntity(e.currentTarget.value)}
            error={errors.legalEntity}
            required
          />
        </Group>
        <Group grow align="flex-start">
          <CountrySelect
            label="Headquarters country"
            value={headquartersCountry}
            onChange={setHeadquartersCountry}
            error={errors.headquartersCountry}
            required
          />
          <Select
            label="Provider type"
            data={optionsOf(providerTypeLabels)}
            value={type}
            onChange={setType}
            error={errors.type}
            allowDeselect={false}
          />
          <TextInput label="Website" value={website} onChange={(e) => setWebsite(e.currentTarget.value)} error={errors.website} />
        </Group>
        <Group>
          <Button onClick={submit} loading={create.isPending}>
            Add provider
          </Button>
          <Button variant="subtle" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
