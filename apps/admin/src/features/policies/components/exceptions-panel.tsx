import { Badge, Button, Checkbox, Group, MultiSelect, Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import {
  decideExceptionInputSchema,
  EXCEPTION_MAX_DAYS,
  exceptionStepInputSchema,
  policySetSchema,
  requestExceptionInputSchema,
  type PolicySet,
} from '@modelgate/domain/policy';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import { DateTime } from '../../../components/date-time';
import { Dialog } from '../../../components/dialog';
import { AnchorLink } from '../../../components/router-links';
import { showNotice } from '../../../components/notices';
import { UnsavedChangesGuard } from '../../../components/unsaved-changes-guard';
import { EmptyState } from '../../../components/page-states';
import type { DataClassification, Environment } from '../../../gql/graphql';
import { FormError } from '../../inventory/components/form-parts';
import { ModelVersionSelect } from '../../inventory/components/model-version-select';
import { serverFieldErrors, zodFieldErrors, type FieldErrors } from '../../inventory/form-errors';
import { dataClassificationLabels, environmentLabels, hostingModeLabels, optionsOf, versionTitle } from '../../inventory/labels';
import { inventoryQueries } from '../../inventory/queries';
import { useViewer } from '../../session/hooks';
import { useChangePolicyException, useDecidePolicyException, useRequestPolicyException } from '../hooks';
import { exceptionStateColors, exceptionStateLabels } from '../labels';
import { t } from '../messages';
import { usePolicyPermissions } from '../permissions';
import { policyQueries } from '../queries';
import { EXCEPTION_STATES, type ExceptionStateFilter } from '../search';
import { useDirtyClose } from './confirm';
import type { TableSortProps } from './policies-home';
import { ExceptionExpiry, type PolicyException } from './why';

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

function useInForcePolicy(): PolicySet | null {
  const inForce = useQuery(policyQueries.inForce());
  const parsed = policySetSchema.safeParse(inForce.data?.policy);
  return parsed.success ? parsed.data : null;
}

type RequestForm = {
  modelVersionId: string | null;
  teamId: string | null;
  environments: Environment[];
  hostingTargetIds: string[];
  maxDataClassification: DataClassification | null;
  ruleIds: string[];
  justification: string;
  controls: string;
  expires: string;
};

function RequestExceptionDialog({ onClose }: { onClose: () => void }) {
  const viewer = useViewer();
  const permissions = usePolicyPermissions();
  const request = useRequestPolicyException();
  const targets = useQuery(inventoryQueries.hostingTargets());
  const teams = useQuery({ ...inventoryQueries.teams(), enabled: permissions.canManage });
  const policy = useInForcePolicy();
  const denyRules = policy?.rules.filter((rule) => rule.outcome === 'DENY') ?? [];
  const ownTeams = viewer.data?.teams ?? [];
  const teamOptions = (permissions.canManage ? (teams.data ?? []) : ownTeams).map((team) => ({
    value: team.id,
    label: team.name,
  }));

  const [initial] = useState<RequestForm>(() => ({
    modelVersionId: null,
    teamId: ownTeams.length === 1 ? ownTeams[0]!.id : null,
    environments: ['PRODUCTION'],
    hostingTargetIds: [],
    maxDataClassification: 'INTERNAL',
    ruleIds: [],
    justification: '',
    controls: '',
    expires: isoDay(30),
  }));
  const [form, setForm] = useState(initial);
  const set = <K extends keyof RequestForm>(key: K, value: RequestForm[K]) =>
    setForm((current) => ({ ...current, [key]: value }));
  const dirty = JSON.stringify(form) !== JSON.stringify(initial);
  const { asking, requestClose, prompt } = useDirtyClose(dirty, onClose);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(request.error), ...clientErrors };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = {
      modelVersionId: form.modelVersionId ?? '',
      teamId: form.teamId,
      environments: form.environments,
      hostingTargetIds: form.hostingTargetIds,
      maxDataClassification: form.maxDataClassification ?? undefined,
      ruleIds: form.ruleIds,
      justification: form.justification,
      compensatingControls: form.controls
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      expiresAt: form.expires ? `${form.expires}T23:59:59Z` : '',
    };
    const parsed = requestExceptionInputSchema.safeParse(input);
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    request.mutate(
      { ...input, maxDataClassification: parsed.data.maxDataClassification },
      {
        onSuccess: ({ requestPolicyException: created }) => {
          showNotice(
            t('policies.exceptions.requested'),
            t('policies.exceptions.requestedBody', { reference: created.reference }),
          );
          onClose();
        },
      },
    );
  };

  return (
    <Dialog opened onClose={requestClose} title={t('policies.exceptions.request')} size="xl">
      <UnsavedChangesGuard when={dirty} />
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('policies.exceptions.requestIntro', { days: EXCEPTION_MAX_DAYS })}
          </Text>
          <ModelVersionSelect
            label={t('policies.exceptions.field.modelVersion')}
            required
            value={form.modelVersionId}
            onChange={(option) => set('modelVersionId', option?.value ?? null)}
            error={errors.modelVersionId}
          />
          {teamOptions.length > 1 || permissions.canManage ? (
            <Select
              label={t('policies.exceptions.field.team')}
              data={teamOptions}
              value={form.teamId}
              onChange={(value) => set('teamId', value)}
              error={errors.teamId}
              clearable
            />
          ) : null}
          <Checkbox.Group
            label={t('policies.exceptions.field.environments')}
            required
            value={form.environments}
            onChange={(value) => set('environments', value)}
            error={errors.environments}
          >
            <Group mt={6}>
              {optionsOf(environmentLabels).map((option) => (
                <Checkbox key={option.value} value={option.value} label={option.label} />
              ))}
            </Group>
          </Checkbox.Group>
          <Group grow align="flex-start">
            <MultiSelect
              label={t('policies.exceptions.field.hostingTargets')}
              placeholder={t('policies.exceptions.field.anyHostingTarget')}
              data={(targets.data ?? []).map((target) => ({
                value: target.id,
                label: t('policies.hostingTargetOption', { name: target.name, mode: hostingModeLabels[target.mode] }),
              }))}
              value={form.hostingTargetIds}
              onChange={(value) => set('hostingTargetIds', value)}
              error={errors.hostingTargetIds}
            />
            <Select
              label={t('policies.exceptions.field.maxDataClassification')}
              required
              allowDeselect={false}
              data={optionsOf(dataClassificationLabels)}
              value={form.maxDataClassification}
              onChange={(value) => set('maxDataClassification', value)}
              error={errors.maxDataClassification}
            />
          </Group>
          <MultiSelect
            label={t('policies.exceptions.field.ruleIds')}
            placeholder={t('policies.exceptions.field.everyDenyRule')}
            data={denyRules.map((rule) => ({
              value: rule.id,
              label: t('policies.ruleOption', { name: rule.name, id: rule.id }),
            }))}
            value={form.ruleIds}
            onChange={(value) => set('ruleIds', value)}
            error={errors.ruleIds}
          />
          <Textarea
            label={t('policies.exceptions.field.justification')}
            required
            autosize
            minRows={3}
            value={form.justification}
            onChange={(event) => set('justification', event.currentTarget.value)}
            error={errors.justification}
          />
          <Textarea
            label={t('policies.exceptions.field.controls')}
            description={t('policies.exceptions.field.controlsHint')}
            required
            autosize
            minRows={2}
            value={form.controls}
            onChange={(event) => set('controls', event.currentTarget.value)}
            error={errors.compensatingControls ?? errors['compensatingControls.0']}
          />
          <TextInput
            label={t('policies.exceptions.field.expires')}
            description={t('policies.exceptions.field.expiresHint', { days: EXCEPTION_MAX_DAYS })}
            type="date"
            required
            min={isoDay(1)}
            max={isoDay(EXCEPTION_MAX_DAYS)}
            value={form.expires}
            onChange={(event) => set('expires', event.currentTarget.value)}
            error={errors.expiresAt}
            maw={320}
          />
          <FormError error={request.error} title={t('policies.exceptions.requestFailed')} />
          {asking ? (
            prompt
          ) : (
            <Group justify="flex-end">
              <Button variant="default" onClick={requestClose}>
                {t('policies.cancel')}
              </Button>
              <Button type="submit" loading={request.isPending}>
                {t('policies.exceptions.requestSubmit')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Dialog>
  );
}

type Action = 'decide' | 'WITHDRAW' | 'REVOKE';

const actionLabels: Record<Action, string> = {
  decide: t('policies.exceptions.action.decide'),
  WITHDRAW: t('policies.exceptions.action.withdraw'),
  REVOKE: t('policies.exceptions.action.revoke'),
};

function ExceptionActionDialog({
  exception,
  action,
  onClose,
}: {
  exception: PolicyException;
  action: Action;
  onClose: () => void;
}) {
  const decide = useDecidePolicyException();
  const change = useChangePolicyException();
  const mutation = action === 'decide' ? decide : change;
  const [decision, setDecision] = useState<'GRANT' | 'REJECT'>('GRANT');
  const [reason, setReason] = useState('');
  const { asking, requestClose, prompt } = useDirtyClose(reason.trim() !== '', onClose);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(mutation.error), ...clientErrors };
  const reference = exception.reference;
  const title =
    action === 'decide'
      ? t('policies.exceptions.decideTitle', { reference })
      : action === 'WITHDRAW'
        ? t('policies.exceptions.withdrawTitle', { reference })
        : t('policies.exceptions.revokeTitle', { reference });
  const consequence =
    action === 'decide'
      ? decision === 'GRANT'
        ? exception.grantedBy.length >= 1
          ? t('policies.exceptions.grantSecond')
          : t('policies.exceptions.grantFirst')
        : t('policies.exceptions.rejectConsequence')
      : action === 'WITHDRAW'
        ? t('policies.exceptions.withdrawConsequence')
        : t('policies.exceptions.revokeConsequence');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const done = (message: string) => {
      showNotice(message, reference);
      onClose();
    };
    if (action === 'decide') {
      const parsed = decideExceptionInputSchema.safeParse({
        id: exception.id,
        expectedVersion: exception.version,
        decision,
        reason,
      });
      if (!parsed.success) {
        setClientErrors(zodFieldErrors(parsed.error));
        return;
      }
      decide.mutate(parsed.data, {
        onSuccess: () => done(decision === 'GRANT' ? t('policies.exceptions.granted') : t('policies.exceptions.rejected')),
      });
      return;
    }
    const parsed = exceptionStepInputSchema.safeParse({
      id: exception.id,
      expectedVersion: exception.version,
      step: action,
      reason,
    });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    change.mutate(parsed.data, {
      onSuccess: () => done(action === 'WITHDRAW' ? t('policies.exceptions.withdrawn') : t('policies.exceptions.revoked')),
    });
  };

  return (
    <Dialog opened onClose={requestClose} title={title}>
      <UnsavedChangesGuard when={reason.trim() !== ''} />
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            {t('policies.exceptions.actionSummary', {
              model: versionTitle(exception.modelVersion),
              requester: exception.requestedBy?.displayName ?? t('policies.exceptions.aPipeline'),
            })}{' '}
            <DateTime value={exception.expiresAt} format="day" />
          </Text>
          {action === 'decide' && (
            <Radio.Group
              label={t('policies.exceptions.field.decision')}
              value={decision}
              onChange={(value) => setDecision(value)}
            >
              <Group mt={6}>
                <Radio value="GRANT" label={t('policies.exceptions.grant')} />
                <Radio value="REJECT" label={t('policies.exceptions.reject')} />
              </Group>
            </Radio.Group>
          )}
          <Text size="sm" c={action === 'decide' && decision === 'GRANT' ? undefined : 'red'} role="note">
            {consequence}
          </Text>
          <Textarea
            label={t('policies.exceptions.field.reason')}
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={errors.reason}
          />
          <FormError error={mutation.error} title={t('policies.nothingChanged')} />
          {asking ? (
            prompt
          ) : (
            <Group justify="flex-end">
              <Button variant="default" onClick={requestClose}>
                {t('policies.cancel')}
              </Button>
              <Button
                type="submit"
                loading={mutation.isPending}
                color={action === 'decide' && decision === 'GRANT' ? undefined : 'red'}
              >
                {action === 'decide'
                  ? decision === 'GRANT'
                    ? t('policies.exceptions.grant')
                    : t('policies.exceptions.reject')
                  : action === 'WITHDRAW'
                    ? t('policies.exceptions.action.withdraw')
                    : t('policies.exceptions.action.revoke')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Dialog>
  );
}

function grantsText(exception: PolicyException): string {
  const names = exception.grantedBy.map((person) => person.displayName);
  if (exception.state === 'REQUESTED') {
    return names.length
      ? t('policies.exceptions.grantsSoFarBy', { count: names.length, names: names.join(', ') })
      : t('policies.exceptions.grantsSoFar', { count: 0 });
  }
  if (exception.state === 'GRANTED') return t('policies.exceptions.grantedBy', { names: names.join(` ${t('policies.and')} `) });
  return exception.stateReason ?? '';
}

/** Time-boxed waivers: who asked, for what, who granted (two officers), until when; with the actions each person may take. */
export function ExceptionsPanel({
  state,
  onStateChange,
  only,
  onShowAll,
  ...sortProps
}: TableSortProps & {
  state?: ExceptionStateFilter;
  onStateChange: (state: ExceptionStateFilter | undefined) => void;
  /** One exception's id: the list shows only it (a link to an exception), with a way back to all. */
  only?: string;
  onShowAll: () => void;
}) {
  const permissions = usePolicyPermissions();
  const exceptions = useQuery(policyQueries.exceptions());
  const targets = useQuery(inventoryQueries.hostingTargets(true));
  const policy = useInForcePolicy();
  const [requesting, setRequesting] = useState(false);
  const [acting, setActing] = useState<{ exception: PolicyException; action: Action } | null>(null);

  const targetName = (id: string) => targets.data?.find((target) => target.id === id)?.name ?? id;
  const ruleText = (id: string) => {
    const rule = policy?.rules.find((candidate) => candidate.id === id);
    return rule ? t('policies.ruleOption', { name: rule.name, id }) : id;
  };

  const actionsFor = (exception: PolicyException): Action[] => {
    const mine = exception.requestedBy?.id === permissions.viewerId;
    const actions: Action[] = [];
    if (exception.state === 'REQUESTED') {
      const alreadyGranted = exception.grantedBy.some((person) => person.id === permissions.viewerId);
      if (permissions.canManage && !mine && !alreadyGranted) actions.push('decide');
      if (mine || permissions.canManage) actions.push('WITHDRAW');
    }
    if (exception.state === 'GRANTED' && permissions.canManage) actions.push('REVOKE');
    return actions;
  };

  const scopeText = (exception: PolicyException) =>
    t('policies.exceptions.scope', {
      environments: exception.environments.map((env) => environmentLabels[env as Environment] ?? env).join(', '),
      data: (dataClassificationLabels[exception.maxDataClassification as DataClassification] ?? '').toLowerCase(),
      hosting:
        exception.hostingTargetIds.length === 0
          ? t('policies.exceptions.anyHosting')
          : exception.hostingTargetIds.map(targetName).join(', '),
    });
  const waivesText = (exception: PolicyException) =>
    exception.ruleIds.length === 0
      ? t('policies.exceptions.waivesEvery')
      : t('policies.exceptions.waives', { rules: exception.ruleIds.map(ruleText).join('; ') });

  const columns: DataColumn<PolicyException>[] = [
    {
      id: 'exception',
      header: t('policies.exceptions.column.exception'),
      value: (exception) => exception.reference,
      hideable: false,
      cell: (exception) => (
        <>
          <AnchorLink to="/policies" search={{ tab: 'exceptions', exception: exception.id }} size="sm" fw={500}>
            {exception.reference}
          </AnchorLink>
          <Text size="xs" c="dimmed">
            {exception.team
              ? t('policies.exceptions.byFor', {
                  person: exception.requestedBy?.displayName ?? t('policies.exceptions.aPipeline'),
                  team: exception.team.name,
                })
              : t('policies.exceptions.by', {
                  person: exception.requestedBy?.displayName ?? t('policies.exceptions.aPipeline'),
                })}
          </Text>
        </>
      ),
    },
    {
      id: 'modelVersion',
      header: t('policies.exceptions.column.modelVersion'),
      value: (exception) => versionTitle(exception.modelVersion),
      cell: (exception) => (
        <>
          <Text size="sm">{versionTitle(exception.modelVersion)}</Text>
          <Text size="xs" c="dimmed">
            {exception.modelVersion.provider.name}
          </Text>
        </>
      ),
    },
    {
      id: 'scope',
      header: t('policies.exceptions.column.scope'),
      value: (exception) => `${scopeText(exception)}; ${waivesText(exception)}`,
      sortable: false,
      cell: (exception) => (
        <>
          <Text size="xs">{scopeText(exception)}</Text>
          <Text size="xs" c="dimmed">
            {waivesText(exception)}
          </Text>
        </>
      ),
    },
    {
      id: 'justification',
      header: t('policies.exceptions.column.justification'),
      value: (exception) =>
        t('policies.exceptions.csvJustification', {
          justification: exception.justification,
          controls: exception.compensatingControls.join('; '),
        }),
      sortable: false,
      cell: (exception) => (
        <>
          <Text size="xs" lineClamp={3} title={exception.justification}>
            {exception.justification}
          </Text>
          <Text size="xs" c="dimmed">
            {t('policies.exceptions.controls', { controls: exception.compensatingControls.join('; ') })}
          </Text>
        </>
      ),
    },
    {
      id: 'state',
      header: t('policies.exceptions.column.state'),
      value: (exception) => exceptionStateLabels[exception.state] ?? exception.state,
      cell: (exception) => (
        <Stack gap={4} align="flex-start">
          <Badge color={exceptionStateColors[exception.state] ?? 'gray'} variant="light" tt="none">
            {exceptionStateLabels[exception.state] ?? exception.state}
          </Badge>
          <Text size="xs" c="dimmed">
            {grantsText(exception)}
          </Text>
          {actionsFor(exception).length > 0 && (
            <Group gap={4} wrap="nowrap">
              {actionsFor(exception).map((action) => (
                <Button
                  key={action}
                  size="compact-xs"
                  variant={action === 'decide' ? 'filled' : action === 'REVOKE' ? 'light' : 'default'}
                  color={action === 'REVOKE' ? 'red' : undefined}
                  onClick={() => setActing({ exception, action })}
                >
                  {actionLabels[action]}
                </Button>
              ))}
            </Group>
          )}
        </Stack>
      ),
    },
    {
      id: 'ends',
      header: t('policies.exceptions.column.ends'),
      value: (exception) => new Date(exception.expiresAt),
      width: '150px',
      cell: (exception) => <ExceptionExpiry exception={exception} />,
    },
    {
      id: 'requestedAt',
      header: t('policies.exceptions.column.requestedAt'),
      value: (exception) => new Date(exception.createdAt),
      cell: (exception) => <DateTime value={exception.createdAt} format="dateTime" />,
      defaultHidden: true,
    },
    {
      id: 'grantedAt',
      header: t('policies.exceptions.column.grantedAt'),
      value: (exception) => (exception.grantedAt ? new Date(exception.grantedAt) : null),
      cell: (exception) => <DateTime value={exception.grantedAt} format="dateTime" />,
      defaultHidden: true,
    },
  ];

  const rows = (exceptions.data ?? []).filter((exception) =>
    only ? exception.id === only : !state || exception.state === state,
  );

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('policies.exceptions.intro')}
      </Text>
      {only && (
        <Group gap="xs">
          <Text size="sm">{t('policies.exceptions.onlyOne')}</Text>
          <Button size="compact-sm" variant="default" onClick={onShowAll}>
            {t('policies.exceptions.showEvery')}
          </Button>
        </Group>
      )}
      <DataTable
        id="policy-exceptions"
        label={t('policies.exceptions.label')}
        columns={columns}
        rows={rows}
        rowKey={(exception) => exception.id}
        isLoading={exceptions.isPending}
        error={exceptions.error}
        errorTitle={t('policies.exceptions.failed')}
        onRetry={() => void exceptions.refetch()}
        minWidth={1100}
        {...sortProps}
        filters={
          <Select
            label={t('policies.exceptions.filter.state')}
            placeholder={t('policies.exceptions.filter.anyState')}
            data={EXCEPTION_STATES.map((value) => ({ value, label: exceptionStateLabels[value] ?? value }))}
            value={state ?? null}
            onChange={(value) => onStateChange(value ?? undefined)}
            clearable
            size="xs"
            w={200}
          />
        }
        actions={
          permissions.canRequestException && (
            <Button size="xs" onClick={() => setRequesting(true)}>
              {t('policies.exceptions.request')}
            </Button>
          )
        }
        empty={
          state ? (
            <EmptyState
              title={t('policies.exceptions.emptyFiltered', { state: exceptionStateLabels[state] ?? state })}
              action={
                <Button variant="default" size="xs" onClick={() => onStateChange(undefined)}>
                  {t('policies.exceptions.showAll')}
                </Button>
              }
            />
          ) : (
            <EmptyState title={t('policies.exceptions.empty')} description={t('policies.exceptions.emptyHint')} />
          )
        }
      />
      {requesting && <RequestExceptionDialog onClose={() => setRequesting(false)} />}
      {acting && <ExceptionActionDialog exception={acting.exception} action={acting.action} onClose={() => setActing(null)} />}
    </Stack>
  );
}
