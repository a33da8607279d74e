import { Button, Card, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { createProviderInputSchema } from '@modelgate/domain/inventory';
import { useLayoutEffect, useState } from 'react';
import { showNotice } from '../../../components/notices';
import { UnsavedChangesGuard } from '../../../components/unsaved-changes-guard';
import { t } from '../deployments-messages';
import { blankToNull, serverFieldErrors, zodFieldErrors, type FieldErrors } from '../form-errors';
import { useCreateProvider } from '../hooks';
import { optionsOf, providerTypeLabels } from '../labels';
import { CountrySelect, FormError } from './form-parts';

export type CreatedProvider = { id: string; name: string; headquartersCountry: string };

const INITIAL_TYPE = 'COMPANY';

/**
 * Adds a provider without leaving the form it is needed in. With `onDirtyChange` the surrounding form is told
 * about unsaved changes and warns about them; without it this form warns by itself before the page is left.
 */
export function ProviderForm({
  onCreated,
  onCancel,
  onDirtyChange,
}: {
  onCreated: (provider: CreatedProvider) => void;
  onCancel: () => void;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const [name, setName] = useState('');
  const [legalEntity, setLegalEntity] = useState('');
  const [headquartersCountry, setHeadquartersCountry] = useState<string | null>(null);
  const [type, setType] = useState<string | null>(INITIAL_TYPE);
  const [website, setWebsite] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useCreateProvider();

  const dirty = name !== '' || legalEntity !== '' || headquartersCountry !== null || type !== INITIAL_TYPE || website !== '';
  // A layout effect: the container knows before the next key press (an Escape right after typing must ask).
  useLayoutEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);
  // Once the form is gone (added or cancelled), nothing of it is left unsaved.
  useLayoutEffect(() => () => onDirtyChange?.(false), [onDirtyChange]);

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
        showNotice(t('deployments.providerForm.added'), createProvider.name);
        onCreated(createProvider);
      },
      onError: (error) => setErrors(serverFieldErrors(error)),
    });
  };

  return (
    <Card withBorder role="group" aria-labelledby="new-provider-heading">
      {!onDirtyChange && <UnsavedChangesGuard when={dirty && !create.isSuccess} />}
      <Stack gap="sm">
        <Title order={3} size="h5" id="new-provider-heading">
          {t('deployments.providerForm.title')}
        </Title>
        <FormError error={create.error} title={t('deployments.providerForm.notAdded')} />
        <Group grow align="flex-start">
          <TextInput
            label={t('deployments.providerForm.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            required
          />
          <TextInput
            label={t('deployments.providerForm.legalEntity')}
            value={legalEntity}
            onChange={(e) => setLegalEntity(e.currentTarget.value)}
            error={errors.legalEntity}
            required
          />
        </Group>
        <Group grow align="flex-start">
          <CountrySelect
            label={t('deployments.providerForm.headquartersCountry')}
            value={headquartersCountry}
            onChange={setHeadquartersCountry}
            error={errors.headquartersCountry}
            required
          />
          <Select
            label={t('deployments.providerForm.type')}
            data={optionsOf(providerTypeLabels)}
            value={type}
            onChange={setType}
            error={errors.type}
            allowDeselect={false}
          />
          <TextInput
            label={t('deployments.providerForm.website')}
            value={website}
            onChange={(e) => setWebsite(e.currentTarget.value)}
            error={errors.website}
          />
        </Group>
        <Group>
          <Button onClick={submit} loading={create.isPending}>
            {t('deployments.providerForm.add')}
          </Button>
          <Button variant="subtle" onClick={onCancel}>
            {t('deployments.cancel')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
