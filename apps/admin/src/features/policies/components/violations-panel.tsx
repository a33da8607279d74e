import { Badge, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import type { PolicySet } from '@modelgate/domain/policy';
import { useQuery } from '@tanstack/react-query';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import { DateTime } from '../../../components/date-time';
import { showNotice } from '../../../components/notices';
import { EmptyState } from '../../../components/page-states';
import { AnchorLink } from '../../../components/router-links';
import type { PolicyViolationsQuery } from '../../../gql/graphql';
import { FormError } from '../../inventory/components/form-parts';
import { dataClassificationLabels, environmentLabels, versionTitle } from '../../inventory/labels';
import { factsOfUse, hostingFacts, modelFacts, reasonsOfMessage, ruleByMessage, type KnownFacts } from '../describe';
import { useRunDriftSweep } from '../hooks';
import { violationKindLabels } from '../labels';
import { t } from '../messages';
import { usePolicyPermissions } from '../permissions';
import { policyQueries } from '../queries';
import type { TableSortProps } from './policies-home';
import { ExceptionExpiry, exceptionNamedIn, ExceptionsForUse, RuleWhy, usePolicyOfVersion, type PolicyException } from './why';

type Violation = PolicyViolationsQuery['policyViolations'][number];

function factsOf(violation: Violation): KnownFacts {
  const { deployment } = violation;
  return {
    ...modelFacts(deployment.modelVersion),
    ...hostingFacts(deployment.hostingTarget),
    ...factsOfUse(deployment),
  };
}

function describeUse(violation: Violation): string {
  const { deployment } = violation;
  return t('policies.violations.use', {
    environment: environmentLabels[deployment.environment],
    hosting: deployment.hostingTarget.name,
    data: dataClassificationLabels[deployment.dataClassification].toLowerCase(),
  });
}

/** Why a deployment is in violation: each reason of its decision, the rule behind it with this use's values, and exceptions. */
function ViolationWhy({
  violation,
  policy,
  exceptions,
}: {
  violation: Violation;
  policy: PolicySet | null;
  exceptions: readonly PolicyException[];
}) {
  const facts = factsOf(violation);
  const { deployment } = violation;
  return (
    <Stack gap={6}>
      <Group gap={6}>
        <Badge color={violation.kind === 'DENIED' ? 'red' : 'orange'} variant="light" tt="none">
          {violationKindLabels[violation.kind] ?? violation.kind}
        </Badge>
        <Text size="xs" c="dimmed">
          {t('policies.violations.underVersion', { number: violation.policyVersion })}
        </Text>
      </Group>
      {reasonsOfMessage(violation.message).map((reason, index) => {
        const rule = ruleByMessage(policy, reason);
        return rule ? (
          <RuleWhy key={index} rule={rule} facts={facts} />
        ) : (
          <Text key={index} size="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {reason}
          </Text>
        );
      })}
      {!violation.resolvedAt && (
        <ExceptionsForUse
          exceptions={exceptions}
          use={{
            modelVersionId: deployment.modelVersion.id,
            environment: deployment.environment,
            hostingTargetId: deployment.hostingTarget.id,
            dataClassification: deployment.dataClassification,
            teamId: deployment.team.id,
          }}
        />
      )}
    </Stack>
  );
}

/** Deployments the policy or their approvals do not allow: open ones first, each with why and since when. */
export function ViolationsPanel({
  openOnly,
  onOpenOnlyChange,
  ...sortProps
}: TableSortProps & { openOnly: boolean; onOpenOnlyChange: (openOnly: boolean) => void }) {
  const permissions = usePolicyPermissions();
  const violations = useQuery(policyQueries.violations(openOnly));
  // Exceptions only add to the why: the list shows without them when they cannot be read.
  const exceptions = useQuery(policyQueries.exceptions());
  const policyOf = usePolicyOfVersion();
  const sweep = useRunDriftSweep();

  const columns: DataColumn<Violation>[] = [
    {
      id: 'deployment',
      header: t('policies.violations.column.deployment'),
      value: (violation) => violation.deployment.application,
      hideable: false,
      cell: (violation) => (
        <>
          <AnchorLink
            to="/inventory/deployments/$deploymentId"
            params={{ deploymentId: violation.deployment.id }}
            size="sm"
            fw={500}
          >
            {violation.deployment.application}
          </AnchorLink>
          <Text size="xs" c="dimmed">
            {violation.deployment.team.name}
          </Text>
        </>
      ),
    },
    {
      id: 'team',
      header: t('policies.violations.column.team'),
      value: (violation) => violation.deployment.team.name,
      defaultHidden: true,
    },
    {
      id: 'modelVersion',
      header: t('policies.violations.column.modelVersion'),
      value: (violation) => versionTitle(violation.deployment.modelVersion),
      cell: (violation) => (
        <AnchorLink to="/inventory/versions/$versionId" params={{ versionId: violation.deployment.modelVersion.id }} size="sm">
          {versionTitle(violation.deployment.modelVersion)}
        </AnchorLink>
      ),
    },
    {
      id: 'use',
      header: t('policies.violations.column.use'),
      value: describeUse,
      cell: (violation) => <Text size="xs">{describeUse(violation)}</Text>,
    },
    {
      id: 'violation',
      header: t('policies.violations.column.violation'),
      value: (violation) =>
        t('policies.violations.csvWhy', {
          kind: violationKindLabels[violation.kind] ?? violation.kind,
          message: violation.message,
        }),
      width: '36%',
      cell: (violation) => (
        <ViolationWhy violation={violation} policy={policyOf(violation.policyVersion)} exceptions={exceptions.data ?? []} />
      ),
    },
    {
      id: 'policyVersion',
      header: t('policies.violations.column.policyVersion'),
      value: (violation) => violation.policyVersion,
      defaultHidden: true,
      align: 'right',
    },
    {
      id: 'detected',
      header: t('policies.violations.column.detected'),
      value: (violation) => new Date(violation.detectedAt),
      cell: (violation) => <DateTime value={violation.detectedAt} format="dateTime" />,
    },
    {
      id: 'resolved',
      header: t('policies.violations.column.resolved'),
      value: (violation) =>
        violation.resolvedAt
          ? t('policies.violations.csvResolved', { at: violation.resolvedAt, resolution: violation.resolution ?? '' })
          : t('policies.violations.open'),
      cell: (violation) => {
        if (!violation.resolvedAt) {
          return (
            <Badge color="red" variant="outline" tt="none">
              {t('policies.violations.open')}
            </Badge>
          );
        }
        // A violation an exception resolved comes back when the exception ends: show when that is.
        const exception = exceptionNamedIn(violation.resolution, exceptions.data ?? []);
        return (
          <Stack gap={2}>
            <Text size="sm">
              <DateTime value={violation.resolvedAt} format="dateTime" />
            </Text>
            {violation.resolution && (
              <Text size="xs" c="dimmed">
                {violation.resolution}
              </Text>
            )}
            {exception && <ExceptionExpiry exception={exception} />}
          </Stack>
        );
      },
    },
  ];

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('policies.violations.intro')}
      </Text>
      <FormError error={sweep.error} title={t('policies.violations.sweepFailed')} />
      <DataTable
        id="policy-violations"
        label={t('policies.violations.label')}
        columns={columns}
        rows={violations.data ?? []}
        rowKey={(violation) => violation.id}
        isLoading={violations.isPending}
        error={violations.error}
        errorTitle={t('policies.violations.failed')}
        onRetry={() => void violations.refetch()}
        minWidth={1100}
        {...sortProps}
        filters={
          <SegmentedControl
            aria-label={t('policies.violations.show')}
            value={openOnly ? 'open' : 'all'}
            onChange={(value) => onOpenOnlyChange(value === 'open')}
            data={[
              { value: 'open', label: t('policies.violations.showOpen') },
              { value: 'all', label: t('policies.violations.showAll') },
            ]}
          />
        }
        actions={
          permissions.canManage && (
            <Button
              variant="default"
              size="xs"
              loading={sweep.isPending}
              onClick={() =>
                sweep.mutate(undefined, {
                  onSuccess: ({ runDriftSweep: result }) =>
                    showNotice(
                      t('policies.violations.sweepDone'),
                      t('policies.violations.sweepResult', {
                        count: result.checked,
                        opened: result.opened,
                        resolved: result.resolved,
                        updated: result.updated,
                      }),
                    ),
                })
              }
            >
              {t('policies.violations.sweep')}
            </Button>
          )
        }
        empty={
          <EmptyState
            title={openOnly ? t('policies.violations.emptyOpen') : t('policies.violations.empty')}
            description={openOnly ? t('policies.violations.emptyOpenHint') : t('policies.violations.emptyHint')}
            action={
              openOnly ? (
                <Button variant="default" size="xs" onClick={() => onOpenOnlyChange(false)}>
                  {t('policies.violations.showAllAction')}
                </Button>
              ) : undefined
            }
          />
        }
      />
    </Stack>
  );
}
