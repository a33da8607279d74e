import { Button, Divider, Group, MultiSelect, NumberInput, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import {
  createModelVersionInputSchema,
  hasOpenWeights,
  updateModelVersionInputSchema,
  type Distribution,
} from '@modelgate/domain/inventory';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { showNotice } from '../../../components/notices';
import { blankToNull, serverFieldErrors, zodFieldErrors, type FieldErrors } from '../form-errors';
import { useCreateModelVersion, useUpdateModelVersion } from '../hooks';
import { distributionLabels, modalityLabels, optionsOf, versionTitle } from '../labels';
import { inventoryQueries } from '../queries';
import { CountrySelect, FormError } from './form-parts';
import { LineageBasesField, newBaseDraft, type BaseDraft } from './lineage-bases-field';
import { ModelCardImport, type ModelCardDraft } from './model-card-import';
import { ProviderForm } from './provider-form';
import type { VersionDetail } from './version-facts';

type Values = {
  providerId: string | null;
  familyName: string;
  versionName: string;
  supplier: string;
  distribution: string | null;
  developerCountry: string | null;
  sourceUrl: string;
  huggingFaceRepo: string;
  revision: string;
  weightsSha256: string;
  releaseDate: string;
  parameterCount: number | string;
  modalities: string[];
  contextLength: number | string;
  task: string;
  modelCardUrl: string;
  trainingDataUrl: string;
  intendedUse: string;
  limitations: string;
  declaredLicense: string;
  concludedLicense: string;
  licenseEffectiveFrom: string;
  licenseNote: string;
};

const emptyValues: Values = {
  providerId: null,
  familyName: '',
  versionName: '',
  supplier: '',
  distribution: null,
  developerCountry: null,
  sourceUrl: '',
  huggingFaceRepo: '',
  revision: '',
  weightsSha256: '',
  releaseDate: '',
  parameterCount: '',
  modalities: ['TEXT'],
  contextLength: '',
  task: '',
  modelCardUrl: '',
  trainingDataUrl: '',
  intendedUse: '',
  limitations: '',
  declaredLicense: '',
  concludedLicense: '',
  licenseEffectiveFrom: '',
  licenseNote: '',
};

function valuesOf(version: VersionDetail): Values {
  return {
    ...emptyValues,
    providerId: version.provider.id,
    familyName: version.familyName,
    versionName: version.versionName,
    supplier: version.supplier,
    distribution: version.distribution,
    developerCountry: version.developerCountry,
    sourceUrl: version.sourceUrl ?? '',
    huggingFaceRepo: version.huggingFaceRepo ?? '',
    revision: version.revision ?? '',
    weightsSha256: version.weightsSha256 ?? '',
    releaseDate: version.releaseDate ?? '',
    parameterCount: version.parameterCount ?? '',
    modalities: version.modalities,
    contextLength: version.contextLength ?? '',
    task: version.task ?? '',
    modelCardUrl: version.modelCardUrl ?? '',
    trainingDataUrl: version.trainingDataUrl ?? '',
    intendedUse: version.intendedUse ?? '',
    limitations: version.limitations ?? '',
    declaredLicense: version.declaredLicense,
    concludedLicense: version.concludedLicense ?? '',
  };
}

/** A registration's start from a scan finding: the card's fields and the weights checksum. */
export type FindingDraft = {
  fields: ModelCardDraft['fields'] & { weightsSha256: string | null };
  provider: { id: string; name: string } | null;
};

/** The form's values with what a model card (or a scan finding) filled in; fields it does not tell keep what was typed. */
function withCardDraft(values: Values, draft: Pick<ModelCardDraft, 'fields' | 'provider'> | FindingDraft): Values {
  const { fields } = draft;
  return {
    ...values,
    providerId: draft.provider?.id ?? values.providerId,
    familyName: fields.familyName ?? values.familyName,
    versionName: fields.versionName ?? values.versionName,
    supplier: fields.supplier ?? values.supplier,
    distribution: fields.distribution ?? values.distribution,
    huggingFaceRepo: fields.huggingFaceRepo ?? values.huggingFaceRepo,
    sourceUrl: fields.sourceUrl ?? values.sourceUrl,
    modelCardUrl: fields.modelCardUrl ?? values.modelCardUrl,
    parameterCount: fields.parameterCount ?? values.parameterCount,
    modalities: fields.modalities?.length ? fields.modalities : values.modalities,
    task: fields.task ?? values.task,
    declaredLicense: fields.declaredLicense ?? values.declaredLicense,
    weightsSha256: ('weightsSha256' in fields ? fields.weightsSha256 : null) ?? values.weightsSha256,
  };
}

const numberOrNull = (value: number | string) => (typeof value === 'number' ? value : null);

/** The form's values as the shared schema expects them: blanks become null, the hash only for open weights. */
function toInput(values: Values, bases: readonly BaseDraft[]) {
  const openWeights = values.distribution !== null && hasOpenWeights(values.distribution as Distribution);
  return {
    providerId: values.providerId,
    familyName: values.familyName,
    versionName: values.versionName,
    supplier: values.supplier,
    distribution: values.distribution,
    developerCountry: values.developerCountry,
    sourceUrl: blankToNull(values.sourceUrl),
    huggingFaceRepo: blankToNull(values.huggingFaceRepo),
    revision: blankToNull(values.revision),
    weightsSha256: openWeights ? blankToNull(values.weightsSha256) : null,
    releaseDate: blankToNull(values.releaseDate),
    parameterCount: numberOrNull(values.parameterCount),
    modalities: values.modalities,
    contextLength: numberOrNull(values.contextLength),
    task: blankToNull(values.task),
    modelCardUrl: blankToNull(values.modelCardUrl),
    trainingDataUrl: blankToNull(values.trainingDataUrl),
    intendedUse: blankToNull(values.intendedUse),
    limitations: blankToNull(values.limitations),
    declaredLicense: values.declaredLicense,
    concludedLicense: blankToNull(values.concludedLicense),
    bases: bases.map((base) => ({ modelVersionId: base.option?.value ?? '', relation: base.relation })),
  };
}

function ProviderField({
  value,
  onChange,
  error,
}: {
  value: string | null;
  onChange: (provider: { id: string; headquartersCountry: string } | null) => void;
  error?: string;
}) {
  const providers = useQuery(inventoryQueries.providerList());
  const [adding, setAdding] = useState(false);
  return (
    <Stack gap="xs">
      <Group align="flex-end" wrap="nowrap">
        <Select
          label="Provider"
          placeholder={providers.isPending ? 'Loading…' : 'Who develops or sells it'}
          data={(providers.data ?? []).map((provider) => ({ value: provider.id, label: provider.name }))}
          value={value}
          onChange={(id) => onChange(providers.data?.find((provider) => provider.id === id) ?? null)}
          error={error ?? (providers.isError ? 'Could not load providers' : undefined)}
          searchable
          required
          style={{ flex: 1 }}
        />
        {!adding && (
          <Button variant="default" onClick={() => setAdding(true)}>
            New provider
          </Button>
        )}
      </Group>
      {adding && (
        <ProviderForm
          onCancel={() => setAdding(false)}
          onCreated={(provider) => {
            setAdding(false);
            onChange(provider);
          }}
        />
      )}
    </Stack>
  );
}

/**
 * Registers a model version, or edits one when `version` is given (sending the record version it was
 * loaded at, so a concurrent change is reported instead of overwritten).
 */
export function ModelVersionForm({
  version,
  initialDraft,
  onSaved,
  onCancel,
  onReload,
}: {
  version?: VersionDetail;
  /** A new version's starting values, e.g. from a scan finding. */
  initialDraft?: FindingDraft;
  onSaved: (id: string) => void;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const [values, setValues] = useState<Values>(() =>
    version ? valuesOf(version) : initialDraft ? withCardDraft(emptyValues, initialDraft) : emptyValues,
  );
  const [bases, setBases] = useState<BaseDraft[]>(() =>
    (version?.bases ?? []).map((base) =>
      newBaseDraft({ value: base.modelVersion.id, label: versionTitle(base.modelVersion) }, base.relation),
    ),
  );
  const [countryTouched, setCountryTouched] = useState(Boolean(version));
  const [errors, setErrors] = useState<FieldErrors>({});
  const queryClient = useQueryClient();
  const create = useCreateModelVersion();
  const update = useUpdateModelVersion();
  const mutation = version ? update : create;
  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) =>
      setValues((current) => ({ ...current, [key]: value }));
  const text = (key: keyof Values) => ({
    value: values[key] as string,
    onChange: (event: { currentTarget: { value: string } }) => set(key)(event.currentTarget.value),
    error: errors[key],
  });
  const licenseChanged =
    version !== undefined &&
    (values.declaredLicense !== version.declaredLicense || (values.concludedLicense || null) !== version.concludedLicense);
  const openWeights = values.distribution !== null && hasOpenWeights(values.distribution as Distribution);

  const onError = (error: unknown) => setErrors(serverFieldErrors(error));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = toInput(values, bases);
    if (version) {
      const parsed = updateModelVersionInputSchema.safeParse({
        ...input,
        id: version.id,
        expectedVersion: version.version,
        licenseEffectiveFrom: licenseChanged ? blankToNull(values.licenseEffectiveFrom) : null,
        licenseNote: licenseChanged ? blankToNull(values.licenseNote) : null,
      });
      if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
      setErrors({});
      update.mutate(parsed.data, {
        onSuccess: () => {
          showNotice('Model version saved', versionTitle(version));
          onSaved(version.id);
        },
        onError,
      });
      return;
    }
    const parsed = createModelVersionInputSchema.safeParse(input);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: ({ createModelVersion }) => {
        showNotice('Model version registered', versionTitle(createModelVersion));
        onSaved(createModelVersion.id);
      },
      onError,
    });
  };

  return (
    <form onSubmit={submit} aria-label={version ? 'Edit model version' : 'Register model version'} noValidate>
      <Stack maw={960}>
        <FormError
          error={mutation.error}
          title={version ? 'The changes were not saved' : 'The model version was not registered'}
          onReload={onReload}
        />
        <Group justify="space-between">
          <Title order={3} size="h4">
            Identity
          </Title>
          {!version && (
            <ModelCardImport
              onUse={(draft) => {
                const providers = queryClient.getQueryData(inventoryQueries.providerList().queryKey);
                const provider = providers?.find((candidate) => candidate.id === draft.provider?.id);
                setValues((current) => {
                  const next = withCardDraft(current, draft);
                  return provider && !countryTouched ? { ...next, developerCountry: provider.headquartersCountry } : next;
                });
                const linked = draft.bases.flatMap((base) =>
                  base.modelVersion
                    ? [
                        newBaseDraft(
                          { value: base.modelVersion.id, label: versionTitle(base.modelVersion) },
                          base.relation ?? undefined,
                        ),
                      ]
                    : [],
                );
                if (linked.length) setBases(linked);
                setErrors({});
              }}
            />
          )}
        </Group>
        <ProviderField
          value={values.providerId}
          error={errors.providerId}
          onChange={(provider) => {
            setValues((current) => ({
              ...current,
              providerId: provider?.id ?? null,
              developerCountry: countryTouched ? current.developerCountry : (provider?.headquartersCountry ?? null),
            }));
          }}
        />
        <Group grow align="flex-start">
          <TextInput label="Family" placeholder="Qwen2.5" required {...text('familyName')} />
          <TextInput label="Version name" placeholder="Qwen2.5-7B-Instruct" required {...text('versionName')} />
        </Group>
        <Group grow align="flex-start">
          <TextInput label="Supplier" description="Where it is obtained, e.g. Hugging Face." required {...text('supplier')} />
          <Select
            label="Distribution"
            data={optionsOf(distributionLabels)}
            value={values.distribution}
            onChange={set('distribution')}
            error={errors.distribution}
            required
          />
          <CountrySelect
            label="Developer country"
            description="Defaults to the provider's headquarters."
            value={values.developerCountry}
            onChange={(value) => {
              setCountryTouched(true);
              set('developerCountry')(value);
            }}
            error={errors.developerCountry}
          />
        </Group>
        <Divider />
        <Title order={3} size="h4">
          Source
        </Title>
        <Group grow align="flex-start">
          <TextInput label="Source URL" {...text('sourceUrl')} />
          <TextInput label="Hugging Face repository" placeholder="owner/name" {...text('huggingFaceRepo')} />
          <TextInput label="Revision" description="Commit, tag or API version." {...text('revision')} />
        </Group>
        {openWeights && <TextInput label="Weights SHA-256" {...text('weightsSha256')} />}
        <Group grow align="flex-start">
          <TextInput label="Release date" type="date" {...text('releaseDate')} />
          <NumberInput
            label="Parameters"
            min={1}
            thousandSeparator=","
            value={values.parameterCount}
            onChange={set('parameterCount')}
            error={errors.parameterCount}
          />
          <NumberInput
            label="Context length (tokens)"
            min={1}
            value={values.contextLength}
            onChange={set('contextLength')}
            error={errors.contextLength}
          />
        </Group>
        <Group grow align="flex-start">
          <MultiSelect
            label="Modalities"
            data={optionsOf(modalityLabels)}
            value={values.modalities}
            onChange={set('modalities')}
            error={errors.modalities}
            required
          />
          <TextInput label="Task" placeholder="chat, embedding, code completion…" {...text('task')} />
        </Group>
        <Group grow align="flex-start">
          <TextInput label="Model card URL" {...text('modelCardUrl')} />
          <TextInput label="Training data URL" {...text('trainingDataUrl')} />
        </Group>
        <Textarea label="Intended use" autosize minRows={2} {...text('intendedUse')} />
        <Textarea label="Limitations" autosize minRows={2} {...text('limitations')} />
        <Divider />
        <Title order={3} size="h4">
          License
        </Title>
        <Group grow align="flex-start">
          <TextInput
            label="Declared license"
            description="SPDX expression, e.g. Apache-2.0 or LicenseRef-Qwen."
            required
            {...text('declaredLicense')}
          />
          <TextInput
            label="Concluded license"
            description="After someone has read the license; leave empty until then."
            {...text('concludedLicense')}
          />
        </Group>
        {licenseChanged && (
          <Group grow align="flex-start">
            <TextInput
              label="New license applies from"
              type="date"
              description="Default: today."
              {...text('licenseEffectiveFrom')}
            />
            <TextInput label="Why the license changed" {...text('licenseNote')} />
          </Group>
        )}
        <Divider />
        <Title order={3} size="h4">
          Lineage
        </Title>
        <LineageBasesField bases={bases} onChange={setBases} errors={errors} selfId={version?.id} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {version ? 'Save changes' : 'Register model version'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
