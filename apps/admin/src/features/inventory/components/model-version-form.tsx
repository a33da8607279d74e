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
import { UnsavedChangesGuard } from '../../../components/unsaved-changes-guard';
import { blankToNull, serverFieldErrors, zodFieldErrors, type FieldErrors } from '../form-errors';
import { useCreateModelVersion, useUpdateModelVersion } from '../hooks';
import { distributionLabels, modalityLabels, optionsOf, versionTitle } from '../labels';
import { t } from '../messages';
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

/** What the form would save, to tell whether anything changed since it opened (bases by version and relation). */
function snapshotOf(values: Values, bases: readonly BaseDraft[]): string {
  return JSON.stringify([values, bases.map((base) => [base.option?.value ?? null, base.relation])]);
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
          label={t('inventory.form.provider')}
          placeholder={providers.isPending ? t('inventory.form.loading') : t('inventory.form.providerPlaceholder')}
          data={(providers.data ?? []).map((provider) => ({ value: provider.id, label: provider.name }))}
          value={value}
          onChange={(id) => onChange(providers.data?.find((provider) => provider.id === id) ?? null)}
          error={error ?? (providers.isError ? t('inventory.form.providersFailed') : undefined)}
          searchable
          required
          style={{ flex: 1 }}
        />
        {!adding && (
          <Button variant="default" onClick={() => setAdding(true)}>
            {t('inventory.form.newProvider')}
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
  // What the form held when it opened (a finding's draft counts as unchanged: nothing was typed yet).
  const [initialSnapshot] = useState(() => snapshotOf(values, bases));
  const [cardTextEntered, setCardTextEntered] = useState(false);
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

  const dirty = cardTextEntered || snapshotOf(values, bases) !== initialSnapshot;
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
          showNotice(t('inventory.form.saved'), versionTitle(version));
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
        showNotice(t('inventory.form.registered'), versionTitle(createModelVersion));
        onSaved(createModelVersion.id);
      },
      onError,
    });
  };

  return (
    <form onSubmit={submit} aria-label={version ? t('inventory.form.editLabel') : t('inventory.form.registerLabel')} noValidate>
      <UnsavedChangesGuard when={dirty} />
      <Stack maw={960}>
        <FormError
          error={mutation.error}
          title={version ? t('inventory.form.notSaved') : t('inventory.form.notRegistered')}
          onReload={onReload}
        />
        <Group justify="space-between">
          <Title order={3} size="h4">
            {t('inventory.form.section.identity')}
          </Title>
          {!version && (
            <ModelCardImport
              onTextChange={setCardTextEntered}
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
          <TextInput
            label={t('inventory.form.family')}
            placeholder={t('inventory.form.familyPlaceholder')}
            required
            {...text('familyName')}
          />
          <TextInput
            label={t('inventory.form.versionName')}
            placeholder={t('inventory.form.versionNamePlaceholder')}
            required
            {...text('versionName')}
          />
        </Group>
        <Group grow align="flex-start">
          <TextInput
            label={t('inventory.form.supplier')}
            description={t('inventory.form.supplierDescription')}
            required
            {...text('supplier')}
          />
          <Select
            label={t('inventory.form.distribution')}
            data={optionsOf(distributionLabels)}
            value={values.distribution}
            onChange={set('distribution')}
            error={errors.distribution}
            required
          />
          <CountrySelect
            label={t('inventory.form.developerCountry')}
            description={t('inventory.form.developerCountryDescription')}
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
          {t('inventory.form.section.source')}
        </Title>
        <Group grow align="flex-start">
          <TextInput label={t('inventory.form.sourceUrl')} {...text('sourceUrl')} />
          <TextInput
            label={t('inventory.form.huggingFaceRepo')}
            placeholder={t('inventory.form.huggingFaceRepoPlaceholder')}
            {...text('huggingFaceRepo')}
          />
          <TextInput
            label={t('inventory.form.revision')}
            description={t('inventory.form.revisionDescription')}
            {...text('revision')}
          />
        </Group>
        {openWeights && <TextInput label={t('inventory.form.weightsSha256')} {...text('weightsSha256')} />}
        <Group grow align="flex-start">
          <TextInput label={t('inventory.form.releaseDate')} type="date" {...text('releaseDate')} />
          <NumberInput
            label={t('inventory.form.parameters')}
            min={1}
            thousandSeparator=","
            value={values.parameterCount}
            onChange={set('parameterCount')}
            error={errors.parameterCount}
          />
          <NumberInput
            label={t('inventory.form.contextLength')}
            min={1}
            value={values.contextLength}
            onChange={set('contextLength')}
            error={errors.contextLength}
          />
        </Group>
        <Group grow align="flex-start">
          <MultiSelect
            label={t('inventory.form.modalities')}
            data={optionsOf(modalityLabels)}
            value={values.modalities}
            onChange={set('modalities')}
            error={errors.modalities}
            required
          />
          <TextInput label={t('inventory.form.task')} placeholder={t('inventory.form.taskPlaceholder')} {...text('task')} />
        </Group>
        <Group grow align="flex-start">
          <TextInput label={t('inventory.form.modelCardUrl')} {...text('modelCardUrl')} />
          <TextInput label={t('inventory.form.trainingDataUrl')} {...text('trainingDataUrl')} />
        </Group>
        <Textarea label={t('inventory.form.intendedUse')} autosize minRows={2} {...text('intendedUse')} />
        <Textarea label={t('inventory.form.limitations')} autosize minRows={2} {...text('limitations')} />
        <Divider />
        <Title order={3} size="h4">
          {t('inventory.form.section.license')}
        </Title>
        <Group grow align="flex-start">
          <TextInput
            label={t('inventory.form.declaredLicense')}
            description={t('inventory.form.declaredLicenseDescription')}
            required
            {...text('declaredLicense')}
          />
          <TextInput
            label={t('inventory.form.concludedLicense')}
            description={t('inventory.form.concludedLicenseDescription')}
            {...text('concludedLicense')}
          />
        </Group>
        {licenseChanged && (
          <Group grow align="flex-start">
            <TextInput
              label={t('inventory.form.licenseEffectiveFrom')}
              type="date"
              description={t('inventory.form.licenseEffectiveFromDescription')}
              {...text('licenseEffectiveFrom')}
            />
            <TextInput label={t('inventory.form.licenseNote')} {...text('licenseNote')} />
          </Group>
        )}
        <Divider />
        <Title order={3} size="h4">
          {t('inventory.form.section.lineage')}
        </Title>
        <LineageBasesField bases={bases} onChange={setBases} errors={errors} selfId={version?.id} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('inventory.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {version ? t('inventory.form.save') : t('inventory.form.register')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
