import { Alert, Button, Checkbox, Group, List, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { ErrorCode } from '@modelgate/domain/errors';
import { createDeploymentInputSchema, updateDeploymentInputSchema } from '@modelgate/domain/inventory';
import { useQuery } from '@tanstack/react-query';
import { useLayoutEffect, useState, type FormEvent } from 'react';
import { showNotice } from '../../../components/notices';
import { UnsavedChangesGuard } from '../../../components/unsaved-changes-guard';
import type { DeploymentRowFragment } from '../../../gql/graphql';
import { GraphqlRequestError } from '../../../lib/graphql-client';
import { t } from '../deployments-messages';
import { serverFieldErrors, zodFieldErrors, type FieldErrors } from '../form-errors';
import { useCreateDeployment, useUpdateDeployment } from '../hooks';
import {
  dataClassificationLabels,
  environmentLabels,
  euAiActCategoryLabels,
  hostingModeLabels,
  optionsOf,
  versionTitle,
} from '../labels';
import { useInventoryPermissions } from '../permissions';
import { inventoryQueries } from '../queries';
import { FormError } from './form-parts';
import { HostingTargetForm } from './hosting-target-form';
import { ModelVersionSelect, type VersionOption } from './model-version-select';

/** Compliance may pick any team; everyone else only their own. */
function useTeamOptions() {
  const permissions = useInventoryPermissions();
  const allTeams = useQuery({ ...inventoryQueries.teams(), enabled: permissions.canDeployForAnyTeam });
  const teams = permissions.canDeployForAnyTeam ? (allTeams.data ?? []) : permissions.ownTeams;
  return teams.map((team) => ({ value: team.id, label: team.name }));
}

function HostingTargetPicker({
  value,
  onChange,
  onDirtyChange,
  error,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  /** Whether the new hosting target being written has unsaved changes. */
  onDirtyChange: (dirty: boolean) => void;
  error?: string;
}) {
  const targets = useQuery(inventoryQueries.hostingTargets());
  const [adding, setAdding] = useState(false);
  const options = (targets.data ?? []).map((target) => ({
    value: target.id,
    label: t('deployments.form.hostingTargetOption', { name: target.name, mode: hostingModeLabels[target.mode] }),
  }));
  return (
    <Stack gap="xs">
      <Group align="flex-end" wrap="nowrap">
        <Select
          label={t('deployments.form.hostingTarget')}
          placeholder={
            targets.isPending ? t('deployments.form.hostingTargetLoading') : t('deployments.form.hostingTargetPlaceholder')
          }
          data={options}
          value={value}
          onChange={onChange}
          error={error ?? (targets.isError ? t('deployments.form.hostingTargetsFailed') : undefined)}
          searchable
          required
          style={{ flex: 1 }}
        />
        {!adding && (
          <Button variant="default" onClick={() => setAdding(true)}>
            {t('deployments.form.newHostingTarget')}
          </Button>
        )}
      </Group>
      {adding && (
        <HostingTargetForm
          onDirtyChange={onDirtyChange}
          onCancel={() => setAdding(false)}
          onSaved={(id) => {
            setAdding(false);
            onChange(id);
          }}
        />
      )}
    </Stack>
  );
}

/** The reasons of a policy refusal, each naming its rule ("Rule name: why"); none for any other failure. */
function policyReasons(error: unknown): string[] {
  if (!(error instanceof GraphqlRequestError) || error.code !== ErrorCode.PolicyDenied) return [];
  return error.fields.filter((field) => field.field === 'input').map((field) => field.reason);
}

/** Why the policy in force refuses the deployment: every rule that denies it, and what can be done. */
function PolicyRefusal({ reasons }: { reasons: readonly string[] }) {
  return (
    <Alert color="red" role="alert" title={t('deployments.form.policyDenied')}>
      <Stack gap="xs">
        <Text size="sm">{t('deployments.form.policyDeniedIntro')}</Text>
        <List size="sm" spacing={2}>
          {reasons.map((reason) => (
            <List.Item key={reason}>{reason}</List.Item>
          ))}
        </List>
        <Text size="sm">{t('deployments.form.policyDeniedNext')}</Text>
      </Stack>
    </Alert>
  );
}

/**
 * Registers which model version runs where, for which team and data; or edits a deployment when `deployment`
 * is given, sending the record version it was loaded at so a concurrent change is reported, not overwritten.
 *
 * `onDone` follows a save; `onCancel` (by default `onDone`) the Cancel button. With `onDirtyChange` the container
 * (a `FormDialog`) is told about unsaved changes and warns about them; without it the form warns by itself.
 */
export function DeploymentForm({
  initialVersion,
  deployment: openedDeployment,
  onDone,
  onCancel = onDone,
  onDirtyChange,
  onReload,
}: {
  initialVersion?: VersionOption;
  deployment?: DeploymentRowFragment;
  onDone: () => void;
  onCancel?: () => void;
  onDirtyChange?: (dirty: boolean) => void;
  onReload?: () => void;
}) {
  // The record as the form opened it: a background refetch must not move the version the edit is based on.
  const [deployment] = useState(openedDeployment);
  const teamOptions = useTeamOptions();
  const versionOption = deployment
    ? { value: deployment.modelVersion.id, label: versionTitle(deployment.modelVersion) }
    : initialVersion;
  const [modelVersionId, setModelVersionId] = useState<string | null>(versionOption?.value ?? null);
  const [teamId, setTeamId] = useState<string | null>(
    deployment?.team.id ?? (teamOptions.length === 1 ? (teamOptions[0]?.value ?? null) : null),
  );
  const [application, setApplication] = useState(deployment?.application ?? '');
  const [environment, setEnvironment] = useState<string | null>(deployment?.environment ?? null);
  const [hostingTargetId, setHostingTargetId] = useState<string | null>(deployment?.hostingTarget.id ?? null);
  const [dataClassification, setDataClassification] = useState<string | null>(deployment?.dataClassification ?? null);
  const [personalData, setPersonalData] = useState(deployment?.personalData ?? false);
  const [purpose, setPurpose] = useState(deployment?.purpose ?? '');
  const [euAiActCategory, setEuAiActCategory] = useState<string | null>(deployment?.euAiActCategory ?? null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [newTargetDirty, setNewTargetDirty] = useState(false);
  const create = useCreateDeployment();
  const update = useUpdateDeployment();
  const mutation = deployment ? update : create;

  const values = {
    modelVersionId,
    teamId,
    application,
    environment,
    hostingTargetId,
    dataClassification,
    personalData,
    purpose,
    euAiActCategory,
  };
  // What the form held when it opened: any difference is a change that leaving would lose.
  const [initialValues] = useState(values);
  const dirty =
    newTargetDirty || (Object.keys(values) as (keyof typeof values)[]).some((key) => values[key] !== initialValues[key]);
  // A layout effect: the container knows before the next key press (an Escape right after typing must ask).
  useLayoutEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const onError = (error: unknown) => setErrors(serverFieldErrors(error));
    if (deployment) {
      const parsed = updateDeploymentInputSchema.safeParse({
        ...values,
        id: deployment.id,
        expectedVersion: deployment.version,
      });
      if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
      setErrors({});
      // A promise, not mutate's callbacks: the edited row may leave a filtered list (and this form) first.
      void update.mutateAsync(parsed.data).then(({ updateDeployment }) => {
        showNotice(t('deployments.form.saved'), updateDeployment.application);
        onDone();
      }, onError);
      return;
    }
    const parsed = createDeploymentInputSchema.safeParse(values);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: ({ createDeployment }) => {
        showNotice(t('deployments.form.registered'), createDeployment.application);
        onDone();
      },
      onError,
    });
  };

  const refusal = policyReasons(mutation.error);
  return (
    <form
      onSubmit={submit}
      aria-label={deployment ? t('deployments.form.editLabel') : t('deployments.form.registerLabel')}
      noValidate
    >
      {!onDirtyChange && <UnsavedChangesGuard when={dirty && !mutation.isSuccess} />}
      <Stack>
        {refusal.length > 0 ? (
          <PolicyRefusal reasons={refusal} />
        ) : (
          <FormError
            error={mutation.error}
            title={deployment ? t('deployments.changesNotSaved') : t('deployments.form.notRegistered')}
            onReload={onReload}
            conflictMessage={deployment ? t('deployments.form.conflict') : undefined}
          />
        )}
        <ModelVersionSelect
          label={t('deployments.form.modelVersion')}
          value={modelVersionId}
          onChange={(option) => setModelVersionId(option?.value ?? null)}
          initialOption={versionOption}
          error={errors.modelVersionId}
          required
        />
        <Group grow align="flex-start">
          <Select
            label={t('deployments.form.team')}
            data={teamOptions}
            value={teamId}
            onChange={setTeamId}
            error={errors.teamId}
            required
            description={teamOptions.length === 0 ? t('deployments.form.noTeam') : undefined}
          />
          <TextInput
            label={t('deployments.form.application')}
            value={application}
            onChange={(e) => setApplication(e.currentTarget.value)}
            error={errors.application}
            required
          />
        </Group>
        <Group grow align="flex-start">
          <Select
            label={t('deployments.form.environment')}
            data={optionsOf(environmentLabels)}
            value={environment}
            onChange={setEnvironment}
            error={errors.environment}
            required
          />
          <Select
            label={t('deployments.form.dataClassification')}
            description={t('deployments.form.dataClassificationHelp')}
            data={optionsOf(dataClassificationLabels)}
            value={dataClassification}
            onChange={setDataClassification}
            error={errors.dataClassification}
            required
          />
        </Group>
        <HostingTargetPicker
          value={hostingTargetId}
          onChange={setHostingTargetId}
          onDirtyChange={setNewTargetDirty}
          error={errors.hostingTargetId}
        />
        <Checkbox
          label={t('deployments.form.personalData')}
          checked={personalData}
          onChange={(e) => setPersonalData(e.currentTarget.checked)}
          error={errors.personalData}
        />
        <Textarea
          label={t('deployments.form.purpose')}
          value={purpose}
          onChange={(e) => setPurpose(e.currentTarget.value)}
          error={errors.purpose}
          required
          autosize
          minRows={2}
        />
        <Select
          label={t('deployments.form.euAiActCategory')}
          data={optionsOf(euAiActCategoryLabels)}
          value={euAiActCategory}
          onChange={setEuAiActCategory}
          error={errors.euAiActCategory}
          required
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('deployments.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {deployment ? t('deployments.saveChanges') : t('deployments.form.submitRegister')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
