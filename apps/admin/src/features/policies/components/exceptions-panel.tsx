import {
  Badge,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Radio,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { Dialog } from '../../../components/dialog';
import {
  decideExceptionInputSchema,
  EXCEPTION_MAX_DAYS,
  exceptionStepInputSchema,
  policySetSchema,
  requestExceptionInputSchema,
} from '@modelgate/domain/policy';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { showNotice } from '../../../components/notices';
import { QueryError } from '../../../components/query-error';
import type { DataClassification, Environment, PolicyExceptionsQuery } from '../../../gql/graphql';
import { useViewer } from '../../session/hooks';
import { FormError } from '../../inventory/components/form-parts';
import { ModelVersionSelect } from '../../inventory/components/model-version-select';
import { serverFieldErrors, zodFieldErrors, type FieldErrors } from '../../inventory/form-errors';
import { dataClassificationLabels, environmentLabels, hostingModeLabels, optionsOf, versionTitle } from '../../inventory/labels';
import { inventoryQueries } from '../../inventory/queries';
import { useChangePolicyException, useDecidePolicyException, useRequestPolicyException } from '../hooks';
import { exceptionStateColors, exceptionStateLabels } from '../labels';
import { usePolicyPermissions } from '../permissions';
import { policyQueries } from '../queries';

type PolicyException = PolicyExceptionsQuery['policyExceptions'][number];

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

function RequestExceptionDialog({ onClose }: { onClose: () => void }) {
  const viewer = useViewer();
  const permissions = usePolicyPermissions();
  const request = useRequestPolicyException();
  const targets = useQuery(inventoryQueries.hostingTargets());
  const teams = useQuery({ ...inventoryQueries.teams(), enabled: permissions.canManage });
  const inForce = useQuery(policyQueries.inForce());
  const denyRules = (() => {
    const parsed = policySetSchema.safeParse(inForce.data?.policy);
    return parsed.success ? parsed.data.rules.filter((rule) => rule.outcome === 'DENY') : [];
  })();
  const ownTeams = viewer.data?.teams ?? [];
  const teamOptions = (permissions.canManage ? (teams.data ?? []) : ownTeams).map((team) => ({
    value: team.id,
    label: team.name,
  }));

  const [modelVersionId, setModelVersionId] = useState<string | null>(null);
  const [teamId, setTeamId] = useState<string | null>(ownTeams.length === 1 ? ownTeams[0]!.id : null);
  const [environments, setEnvironments] = useState<Environment[]>(['PRODUCTION']);
  const [hostingTargetIds, setHostingTargetIds] = useState<string[]>([]);
  const [maxDataClassification, setMaxDataClassification] = useState<DataClassification | null>('INTERNAL');
  const [ruleIds, setRuleIds] = useState<string[]>([]);
  const [justification, setJustification] = useState('');
  const [controls, setControls] = useState('');
  const [expires, setExpires] = useState(isoDay(30));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(request.error), ...clientErrors };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = {
      modelVersionId: modelVersionId ?? '',
      teamId,
      environments,
      hostingTargetIds,
      maxDataClassification: maxDataClassification ?? undefined,
      ruleIds,
      justification,
      compensatingControls: controls
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      expiresAt: expires ? `${expires}T23:59:59Z` : '',
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
          showNotice('Exception requested', `${created.reference}: two compliance officers must grant it`);
          onClose();
        },
      },
    );
  };

  return (
    <Dialog opened onClose={onClose} title="Request an exception" size="xl">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            A time-boxed waiver of deny rules for one model version, at most {EXCEPTION_MAX_DAYS} days. Two compliance officers
            other than you must grant it.
          </Text>
          <ModelVersionSelect
            label="Model version"
            required
            value={modelVersionId}
            onChange={(option) => setModelVersionId(option?.value ?? null)}
            error={errors.modelVersionId}
          />
          {teamOptions.length > 1 || permissions.canManage ? (
            <Select label="Team" data={teamOptions} value={teamId} onChange={setTeamId} error={errors.teamId} clearable />
          ) : null}
          <Checkbox.Group
            label="Environments"
            required
            value={environments}
            onChange={(value) => setEnvironments(value)}
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
              label="Hosting targets"
              placeholder="Any hosting target"
              data={(targets.data ?? []).map((target) => ({
                value: target.id,
                label: `${target.name} (${hostingModeLabels[target.mode]})`,
              }))}
              value={hostingTargetIds}
              onChange={setHostingTargetIds}
              error={errors.hostingTargetIds}
            />
            <Select
              label="Highest data classification"
              required
              allowDeselect={false}
              data={optionsOf(dataClassificationLabels)}
              value={maxDataClassification}
              onChange={(value) => setMaxDataClassification(value)}
              error={errors.maxDataClassification}
            />
          </Group>
          <MultiSelect
            label="Deny rules waived"
            placeholder="Every deny rule"
            data={denyRules.map((rule) => ({ value: rule.id, label: `${rule.name} (${rule.id})` }))}
            value={ruleIds}
            onChange={setRuleIds}
            error={errors.ruleIds}
          />
          <Textarea
            label="Justification"
            required
            autosize
            minRows={3}
            value={justification}
            onChange={(event) => setJustification(event.currentTarget.value)}
            error={errors.justification}
          />
          <Textarea
            label="Compensating controls"
            description="One per line."
            required
            autosize
            minRows={2}
            value={controls}
            onChange={(event) => setControls(event.currentTarget.value)}
            error={errors.compensatingControls ?? errors['compensatingControls.0']}
          />
          <TextInput
            label="Ends on"
            type="date"
            required
            min={isoDay(1)}
            max={isoDay(EXCEPTION_MAX_DAYS)}
            value={expires}
            onChange={(event) => setExpires(event.currentTarget.value)}
            error={errors.expiresAt}
            maw={220}
          />
          <FormError error={request.error} title="The exception was not requested" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={request.isPending}>
              Request exception
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

type Action = 'decide' | 'WITHDRAW' | 'REVOKE';

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
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(mutation.error), ...clientErrors };
  const title =
    action === 'decide'
      ? `Decide on ${exception.reference}`
      : `${action === 'WITHDRAW' ? 'Withdraw' : 'Revoke'} ${exception.reference}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const done = (message: string) => {
      showNotice(message, exception.reference);
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
      decide.mutate(parsed.data, { onSuccess: () => done(decision === 'GRANT' ? 'Grant recorded' : 'Exception rejected') });
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
    change.mutate(parsed.data, { onSuccess: () => done(action === 'WITHDRAW' ? 'Exception withdrawn' : 'Exception revoked') });
  };

  return (
    <Dialog opened onClose={onClose} title={title}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {action === 'decide' && (
            <Radio.Group label="Decision" value={decision} onChange={(value) => setDecision(value)}>
              <Group mt={6}>
                <Radio value="GRANT" label="Grant" />
                <Radio value="REJECT" label="Reject" />
              </Group>
            </Radio.Group>
          )}
          <Textarea
            label="Reason"
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={errors.reason}
          />
          <FormError error={mutation.error} title="Nothing was changed" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={mutation.isPending}
              color={action === 'decide' && decision === 'GRANT' ? undefined : 'red'}
            >
              {action === 'decide' ? (decision === 'GRANT' ? 'Grant' : 'Reject') : action === 'WITHDRAW' ? 'Withdraw' : 'Revoke'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

/** Time-boxed waivers: who asked, for what, who granted (two officers), until when; with the actions each person may take. */
export function ExceptionsPanel() {
  const permissions = usePolicyPermissions();
  const exceptions = useQuery(policyQueries.exceptions());
  const [requesting, setRequesting] = useState(false);
  const [acting, setActing] = useState<{ exception: PolicyException; action: Action } | null>(null);

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

  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          A granted exception lets decisions and deployment registration through until it ends; the decision says so.
        </Text>
        {permissions.canRequestException && <Button onClick={() => setRequesting(true)}>Request an exception</Button>}
      </Group>
      {exceptions.isPending ? (
        <Skeleton height={200} role="status" aria-label="Loading exceptions" />
      ) : exceptions.isError ? (
        <QueryError title="Could not load the exceptions" error={exceptions.error} onRetry={() => void exceptions.refetch()} />
      ) : exceptions.data.length === 0 ? (
        <Text c="dimmed" py="lg" ta="center">
          No exception has been requested.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={1000}>
          <Table striped aria-label="Exceptions" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Exception</Table.Th>
                <Table.Th>Model version</Table.Th>
                <Table.Th>Scope</Table.Th>
                <Table.Th>Justification and controls</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Ends</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {exceptions.data.map((exception) => (
                <Table.Tr key={exception.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {exception.reference}
                    </Text>
                    <Text size="xs" c="dimmed">
                      by {exception.requestedBy?.displayName ?? 'a pipeline'}
                      {exception.team ? ` for ${exception.team.name}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{versionTitle(exception.modelVersion)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">
                      {exception.environments.map((env) => environmentLabels[env as Environment] ?? env).join(', ')}; up to{' '}
                      {(dataClassificationLabels[exception.maxDataClassification as DataClassification] ?? '').toLowerCase()}{' '}
                      data;{' '}
                      {exception.hostingTargetIds.length === 0
                        ? 'any hosting'
                        : `${exception.hostingTargetIds.length} hosting targets`}
                    </Text>
                    <Text size="xs" c="dimmed">
                      waives {exception.ruleIds.length === 0 ? 'every deny rule' : exception.ruleIds.join(', ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" lineClamp={3} title={exception.justification}>
                      {exception.justification}
                    </Text>
                    <Text size="xs" c="dimmed">
                      Controls: {exception.compensatingControls.join('; ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={exceptionStateColors[exception.state] ?? 'gray'} variant="light" tt="none">
                      {exceptionStateLabels[exception.state] ?? exception.state}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {exception.state === 'REQUESTED'
                        ? `${exception.grantedBy.length} of 2 grants${exception.grantedBy.length ? ` (${exception.grantedBy.map((p) => p.displayName).join(', ')})` : ''}`
                        : exception.state === 'GRANTED'
                          ? `by ${exception.grantedBy.map((p) => p.displayName).join(' and ')}`
                          : (exception.stateReason ?? '')}
                    </Text>
                  </Table.Td>
                  <Table.Td>{exception.expiresAt.slice(0, 10)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {actionsFor(exception).map((action) => (
                        <Button
                          key={action}
                          size="compact-xs"
                          variant={action === 'decide' ? 'filled' : 'default'}
                          onClick={() => setActing({ exception, action })}
                        >
                          {action === 'decide' ? 'Grant or reject' : action === 'WITHDRAW' ? 'Withdraw' : 'Revoke'}
                        </Button>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {requesting && <RequestExceptionDialog onClose={() => setRequesting(false)} />}
      {acting && <ExceptionActionDialog exception={acting.exception} action={acting.action} onClose={() => setActing(null)} />}
    </Stack>
  );
}
