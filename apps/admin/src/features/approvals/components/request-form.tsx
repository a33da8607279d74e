import { Alert, Button, Checkbox, Grid, Group, NumberInput, Select, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { approvalScopeSchema } from '@modelgate/domain/approvals';
import { dataClassificationRank } from '@modelgate/domain/inventory';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { showNotice } from '../../../components/notices';
import { ErrorState, LoadingState } from '../../../components/page-states';
import { AnchorLink } from '../../../components/router-links';
import { UnsavedChangesGuard } from '../../../components/unsaved-changes-guard';
import type {
  ApprovalScopeInput,
  DataClassification,
  Environment,
  EuAiActCategory,
  HostingMode,
  RequestModelFactsQuery,
} from '../../../gql/graphql';
import { serverFieldErrors, zodFieldErrors, type FieldErrors } from '../../inventory/form-errors';
import { FormError } from '../../inventory/components/form-parts';
import { ModelVersionSelect, type VersionOption } from '../../inventory/components/model-version-select';
import {
  dataClassificationLabels,
  environmentLabels,
  euAiActCategoryLabels,
  hostingModeLabels,
  optionsOf,
  versionTitle,
} from '../../inventory/labels';
import { inventoryQueries } from '../../inventory/queries';
import { useCreateApprovalRequest, useSubmitApprovalRequest, useUpdateApprovalRequest } from '../hooks';
import { t } from '../messages';
import { useApprovalPermissions } from '../permissions';
import { approvalQueries } from '../queries';
import { DiscardChangesPrompt } from '../../../components/discard-changes-prompt';
import { ModelFactsCard } from './model-facts-card';

type Facts = RequestModelFactsQuery['modelVersion'];

type ScopeDraft = {
  intendedUse: string;
  environments: Environment[];
  hostingModes: HostingMode[];
  maxDataClassification: DataClassification | null;
  personalData: boolean;
  expectedUsers: number | string;
  euAiActCategory: EuAiActCategory | null;
};

const emptyScope: ScopeDraft = {
  intendedUse: '',
  environments: [],
  hostingModes: [],
  maxDataClassification: null,
  personalData: false,
  expectedUsers: '',
  euAiActCategory: null,
};

/** What the inventory already knows from the version's active deployments (the viewer's teams' when they have any). */
export function prefillFromDeployments(facts: Facts, teamIds: readonly string[]): ScopeDraft {
  const active = facts.deployments.filter((deployment) => deployment.status === 'ACTIVE');
  const ours = active.filter((deployment) => teamIds.includes(deployment.team.id));
  const known = ours.length > 0 ? ours : active;
  if (known.length === 0) return emptyScope;
  const unique = <T,>(values: T[]) => [...new Set(values)];
  const highest = known
    .map((deployment) => deployment.dataClassification)
    .reduce((a, b) => (dataClassificationRank(b) > dataClassificationRank(a) ? b : a));
  return {
    ...emptyScope,
    environments: unique(known.map((deployment) => deployment.environment)),
    hostingModes: unique(known.map((deployment) => deployment.hostingTarget.mode)),
    maxDataClassification: highest,
    personalData: known.some((deployment) => deployment.personalData),
    euAiActCategory: known.find((deployment) => deployment.euAiActCategory)?.euAiActCategory ?? null,
  };
}

function toScopeInput(draft: ScopeDraft) {
  return {
    intendedUse: draft.intendedUse,
    environments: draft.environments,
    hostingModes: draft.hostingModes,
    maxDataClassification: draft.maxDataClassification,
    personalData: draft.personalData,
    expectedUsers: draft.expectedUsers === '' ? undefined : Number(draft.expectedUsers),
    euAiActCategory: draft.euAiActCategory,
  };
}

/** Field errors from the shared schema or the server, keyed by the scope's own field names. */
function scopeErrors(errors: FieldErrors): FieldErrors {
  const result: FieldErrors = {};
  for (const [path, reason] of Object.entries(errors)) result[path.replace(/^scope\./, '')] ??= reason;
  return result;
}

function ScopeFields({
  draft,
  onChange,
  errors,
}: {
  draft: ScopeDraft;
  onChange: (next: ScopeDraft) => void;
  errors: FieldErrors;
}) {
  const set = <K extends keyof ScopeDraft>(key: K, value: ScopeDraft[K]) => onChange({ ...draft, [key]: value });
  return (
    <Stack>
      <Textarea
        label={t('approvals.scope.intendedUse')}
        description={t('approvals.scope.intendedUse.description')}
        autosize
        minRows={3}
        required
        value={draft.intendedUse}
        onChange={(event) => set('intendedUse', event.currentTarget.value)}
        error={errors.intendedUse}
      />
      <Checkbox.Group
        label={t('approvals.scope.environments')}
        required
        value={draft.environments}
        onChange={(value) => set('environments', value)}
        error={errors.environments}
      >
        <Group mt={6}>
          {optionsOf(environmentLabels).map((option) => (
            <Checkbox key={option.value} value={option.value} label={option.label} />
          ))}
        </Group>
      </Checkbox.Group>
      <Checkbox.Group
        label={t('approvals.scope.hostingModes')}
        description={t('approvals.scope.hostingModes.description')}
        required
        value={draft.hostingModes}
        onChange={(value) => set('hostingModes', value)}
        error={errors.hostingModes}
      >
        <Group mt={6}>
          {optionsOf(hostingModeLabels).map((option) => (
            <Checkbox key={option.value} value={option.value} label={option.label} />
          ))}
        </Group>
      </Checkbox.Group>
      <Group grow align="flex-start">
        <Select
          label={t('approvals.scope.maxDataClassification')}
          required
          allowDeselect={false}
          data={optionsOf(dataClassificationLabels)}
          value={draft.maxDataClassification}
          onChange={(value) => set('maxDataClassification', value)}
          error={errors.maxDataClassification}
        />
        <NumberInput
          label={t('approvals.scope.expectedUsers')}
          required
          min={1}
          allowDecimal={false}
          thousandSeparator=","
          value={draft.expectedUsers}
          onChange={(value) => set('expectedUsers', value)}
          error={errors.expectedUsers}
        />
        <Select
          label={t('approvals.scope.euAiActCategory')}
          placeholder={t('approvals.scope.notAssessed')}
          clearable
          data={optionsOf(euAiActCategoryLabels)}
          value={draft.euAiActCategory}
          onChange={(value) => set('euAiActCategory', value)}
          error={errors.euAiActCategory}
        />
      </Group>
      <Switch
        label={t('approvals.scope.personalData.switch')}
        checked={draft.personalData}
        onChange={(event) => set('personalData', event.currentTarget.checked)}
        error={errors.personalData}
      />
    </Stack>
  );
}

/** Compliance may request for any team; engineers for one of their own (the only one is taken by default). */
function TeamSelect({ value, onChange, error }: { value: string | null; onChange: (id: string | null) => void; error?: string }) {
  const permissions = useApprovalPermissions();
  const allTeams = useQuery({ ...inventoryQueries.teams(), enabled: permissions.isComplianceOfficer });
  const ownTeams = permissions.ownTeams;
  const teams = permissions.isComplianceOfficer ? (allTeams.data ?? []) : ownTeams;
  if (!permissions.isComplianceOfficer && ownTeams.length <= 1) return null;
  return (
    <Select
      label={t('approvals.form.team')}
      description={t('approvals.form.team.description')}
      data={teams.map((team) => ({ value: team.id, label: team.name }))}
      value={value}
      onChange={onChange}
      error={error}
      searchable
    />
  );
}

function ScopeEditor({
  facts,
  initial,
  submitting,
  error,
  serverErrors,
  onSave,
  showTeam,
  teamId,
  onTeamChange,
  editing,
  onCancel,
  saved,
}: {
  facts: Facts;
  initial: ScopeDraft;
  submitting: boolean;
  error: unknown;
  serverErrors: FieldErrors;
  onSave: (scope: ApprovalScopeInput, submit: boolean) => void;
  showTeam: boolean;
  teamId: string | null;
  onTeamChange: (id: string | null) => void;
  editing: boolean;
  /** Leaves the editor; asks first when there are changes. */
  onCancel?: () => void;
  /** True once the save went through: the page moves on and nothing is left unsaved. */
  saved: boolean;
}) {
  const [draft, setDraft] = useState(initial);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [intent, setIntent] = useState<'draft' | 'submit'>('submit');
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const errors = { ...scopeErrors(serverErrors), ...clientErrors };
  const dirty = !saved && (JSON.stringify(draft) !== JSON.stringify(initial) || (showTeam && teamId !== null));

  const save = (event: FormEvent) => {
    event.preventDefault();
    const parsed = approvalScopeSchema.safeParse(toScopeInput(draft));
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    onSave(parsed.data, intent === 'submit');
  };

  return (
    <Grid gap="xl">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <form onSubmit={save} noValidate aria-label={t('approvals.form.scopeLabel')}>
          <UnsavedChangesGuard when={dirty} />
          <Stack>
            {showTeam && <TeamSelect value={teamId} onChange={onTeamChange} error={serverErrors.teamId} />}
            <ScopeFields draft={draft} onChange={setDraft} errors={errors} />
            <FormError error={error} title={t('approvals.form.notSaved')} />
            {confirmingCancel ? (
              <DiscardChangesPrompt onKeep={() => setConfirmingCancel(false)} onDiscard={() => onCancel?.()} />
            ) : (
              <Group justify="flex-end">
                {onCancel && (
                  <Button variant="subtle" onClick={() => (dirty ? setConfirmingCancel(true) : onCancel())}>
                    {t('approvals.form.cancelEditing')}
                  </Button>
                )}
                <Button
                  type="submit"
                  variant="default"
                  loading={submitting && intent === 'draft'}
                  onClick={() => setIntent('draft')}
                >
                  {editing ? t('approvals.form.saveDraft') : t('approvals.form.saveAsDraft')}
                </Button>
                <Button type="submit" loading={submitting && intent === 'submit'} onClick={() => setIntent('submit')}>
                  {t('approvals.action.submit')}
                </Button>
              </Group>
            )}
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <ModelFactsCard model={facts} />
      </Grid.Col>
    </Grid>
  );
}

/** Facts of the chosen version, then the scope form, pre-filled from what the inventory knows. */
function FactsThenScope({ versionId, render }: { versionId: string; render: (facts: Facts) => React.ReactNode }) {
  const facts = useQuery(approvalQueries.modelFacts(versionId));
  if (facts.isPending) return <LoadingState what={t('approvals.form.loadingVersion')} rows={4} height={80} />;
  if (facts.isError) {
    return <ErrorState title={t('approvals.form.versionError')} error={facts.error} onRetry={() => void facts.refetch()} />;
  }
  return render(facts.data);
}

/** A new request: choose the version (or arrive with it from the inventory), describe the scope, save or submit. */
export function NewApprovalRequest({ initialVersionId }: { initialVersionId?: string }) {
  const permissions = useApprovalPermissions();
  const navigate = useNavigate();
  const create = useCreateApprovalRequest();
  const [version, setVersion] = useState<VersionOption | null>(null);
  const versionId = version?.value ?? initialVersionId ?? null;
  const preselected = useQuery({ ...inventoryQueries.versionOption(initialVersionId ?? ''), enabled: !!initialVersionId });
  const [teamId, setTeamId] = useState<string | null>(null);

  if (!permissions.canRequest) {
    return (
      <Stack>
        <Title order={1} size="h2">
          {t('approvals.form.title')}
        </Title>
        <Alert color="gray" title={t('approvals.form.notAllowed.title')}>
          {t('approvals.form.notAllowed.body')}
        </Alert>
      </Stack>
    );
  }
  const initialOption = preselected.data
    ? {
        value: preselected.data.id,
        label: t('approvals.form.versionOption', {
          version: versionTitle(preselected.data),
          provider: preselected.data.provider.name,
        }),
      }
    : undefined;

  return (
    <Stack>
      <AnchorLink to="/approvals" size="sm">
        {t('approvals.back')}
      </AnchorLink>
      <Title order={1} size="h2">
        {t('approvals.form.title')}
      </Title>
      <Text c="dimmed" size="sm">
        {t('approvals.form.intro')}
      </Text>
      {initialVersionId && preselected.isPending && <LoadingState what={t('approvals.form.loadingVersion')} rows={1} />}
      {(!initialVersionId || preselected.isSuccess || preselected.isError) && (
        <ModelVersionSelect
          key={initialOption?.value ?? 'none'}
          label={t('approvals.form.modelVersion')}
          required
          value={versionId}
          initialOption={initialOption}
          onChange={setVersion}
          maw={520}
        />
      )}
      {versionId && (
        <FactsThenScope
          versionId={versionId}
          render={(facts) => (
            <ScopeEditor
              key={facts.id}
              facts={facts}
              initial={prefillFromDeployments(
                facts,
                permissions.ownTeams.map((team) => team.id),
              )}
              submitting={create.isPending}
              error={create.error}
              serverErrors={serverFieldErrors(create.error)}
              showTeam
              teamId={teamId}
              onTeamChange={setTeamId}
              editing={false}
              saved={create.isSuccess}
              onSave={(scope, submit) =>
                create.mutate(
                  { modelVersionId: facts.id, teamId, scope, submit },
                  {
                    onSuccess: ({ createApprovalRequest: created }) => {
                      showNotice(submit ? t('approvals.notice.submitted') : t('approvals.notice.draftSaved'), created.reference);
                      // The form still reads "changed" in this moment; the request is saved, so nothing is lost.
                      void navigate({
                        to: '/approvals/$requestId',
                        params: { requestId: created.id },
                        ignoreBlocker: true,
                      });
                    },
                  },
                )
              }
            />
          )}
        />
      )}
    </Stack>
  );
}

/** Edits a draft's scope; saving can submit it at once. */
export function EditDraftScope({
  request,
  onDone,
  onCancel,
}: {
  request: { id: string; version: number; modelVersion: { id: string }; scope: ApprovalScopeInput };
  onDone: (submitted: boolean) => void;
  onCancel: () => void;
}) {
  const update = useUpdateApprovalRequest();
  const submit = useSubmitApprovalRequest();
  const [saved, setSaved] = useState(false);
  const error = update.error ?? submit.error;
  return (
    <FactsThenScope
      versionId={request.modelVersion.id}
      render={(facts) => (
        <ScopeEditor
          facts={facts}
          initial={{
            ...request.scope,
            environments: [...request.scope.environments],
            hostingModes: [...request.scope.hostingModes],
            euAiActCategory: request.scope.euAiActCategory ?? null,
          }}
          submitting={update.isPending || submit.isPending}
          error={error}
          serverErrors={serverFieldErrors(error)}
          showTeam={false}
          teamId={null}
          onTeamChange={() => undefined}
          editing
          saved={saved}
          onCancel={onCancel}
          onSave={(scope, andSubmit) =>
            void update
              .mutateAsync({ id: request.id, expectedVersion: request.version, scope })
              .then(async ({ updateApprovalRequest: updated }) => {
                if (andSubmit) await submit.mutateAsync({ id: request.id, expectedVersion: updated.version });
                setSaved(true);
                onDone(andSubmit);
              })
              // The mutations' error state shows the failure.
              .catch(() => undefined)
          }
        />
      )}
    />
  );
}
