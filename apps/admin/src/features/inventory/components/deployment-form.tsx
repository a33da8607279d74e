import { Button, Checkbox, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { createDeploymentInputSchema, updateDeploymentInputSchema } from '@modelgate/domain/inventory';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { showNotice } from '../../../components/notices';
import type { DeploymentRowFragment } from '../../../gql/graphql';
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
  error,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
}) {
  const targets = useQuery(inventoryQueries.hostingTargets());
  const [adding, setAdding] = useState(false);
  const options = (targets.data ?? []).map((target) => ({
    value: target.id,
    label: `${target.name} (${hostingModeLabels[target.mode]})`,
  }));
  return (
    <Stack gap="xs">
      <Group align="flex-end" wrap="nowrap">
        <Select
          label="Hosting target"
          placeholder={targets.isPending ? 'Loading…' : 'Where it runs'}
          data={options}
          value={value}
          onChange={onChange}
          error={error ?? (targets.isError ? 'Could not load hosting targets' : undefined)}
          searchable
          required
          style={{ flex: 1 }}
        />
        {!adding && (
          <Button variant="default" onClick={() => setAdding(true)}>
            New hosting target
          </Button>
        )}
      </Group>
      {adding && (
        <HostingTargetForm
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

/**
 * Registers which model version runs where, for which team and data; or edits a deployment when `deployment`
 * is given, sending the record version it was loaded at so a concurrent change is reported, not overwritten.
 */
export function DeploymentForm({
  initialVersion,
  deployment: openedDeployment,
  onDone,
  onReload,
}: {
  initialVersion?: VersionOption;
  deployment?: DeploymentRowFragment;
  onDone: () => void;
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
  const create = useCreateDeployment();
  const update = useUpdateDeployment();
  const mutation = deployment ? update : create;

  const submit = (event: FormEvent) => {
    event.preventDefault();
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
        showNotice('Deployment saved', updateDeployment.application);
        onDone();
      }, onError);
      return;
    }
    const parsed = createDeploymentInputSchema.safeParse(values);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: ({ createDeployment }) => {
        showNotice('Deployment registered', createDeployment.application);
        onDone();
      },
      onError,
    });
  };

  return (
    <form onSubmit={submit} aria-label={deployment ? 'Edit deployment' : 'Register deployment'} noValidate>
      <Stack>
        <FormError
          error={mutation.error}
          title={deployment ? 'The changes were not saved' : 'The deployment was not registered'}
          onReload={onReload}
          conflictMessage={
            deployment ? 'Someone changed this deployment since you opened it — reload to see their change' : undefined
          }
        />
        <ModelVersionSelect
          label="Model version"
          value={modelVersionId}
          onChange={(option) => setModelVersionId(option?.value ?? null)}
          initialOption={versionOption}
          error={errors.modelVersionId}
          required
        />
        <Group grow align="flex-start">
          <Select
            label="Team"
            data={teamOptions}
            value={teamId}
            onChange={setTeamId}
            error={errors.teamId}
            required
            description={teamOptions.length === 0 ? 'You belong to no team; ask an admin to add you to one.' : undefined}
          />
          <TextInput
            label="Application"
            value={application}
            onChange={(e) => setApplication(e.currentTarget.value)}
            error={errors.application}
            required
          />
        </Group>
        <Group grow align="flex-start">
          <Select
            label="Environment"
            data={optionsOf(environmentLabels)}
            value={environment}
            onChange={setEnvironment}
            error={errors.environment}
            required
          />
          <Select
            label="Data classification"
            description="The most sensitive data it processes."
            data={optionsOf(dataClassificationLabels)}
            value={dataClassification}
            onChange={setDataClassification}
            error={errors.dataClassification}
            required
          />
        </Group>
        <HostingTargetPicker value={hostingTargetId} onChange={setHostingTargetId} error={errors.hostingTargetId} />
        <Checkbox
          label="Processes personal data"
          checked={personalData}
          onChange={(e) => setPersonalData(e.currentTarget.checked)}
          error={errors.personalData}
        />
        <Textarea
          label="Purpose"
          value={purpose}
          onChange={(e) => setPurpose(e.currentTarget.value)}
          error={errors.purpose}
          required
          autosize
          minRows={2}
        />
        <Select
          label="EU AI Act category"
          data={optionsOf(euAiActCategoryLabels)}
          value={euAiActCategory}
          onChange={setEuAiActCategory}
          error={errors.euAiActCategory}
          required
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {deployment ? 'Save changes' : 'Register deployment'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
