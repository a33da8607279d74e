import { Badge, Code, Group, Stack, Text } from '@mantine/core';
import { DEFAULT_POLICY_SET, exceptionCovers, policySetSchema, type PolicyRule, type PolicySet } from '@modelgate/domain/policy';
import type { DataClassification, Environment } from '@modelgate/domain/inventory';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { DateTime } from '../../../components/date-time';
import type { PolicyExceptionsQuery } from '../../../gql/graphql';
import { daysUntil, describeCondition, factsHere, type KnownFacts } from '../describe';
import { exceptionStateColors, exceptionStateLabels, outcomeColors, outcomeLabels } from '../labels';
import { t } from '../messages';
import { policyQueries } from '../queries';

export type PolicyException = PolicyExceptionsQuery['policyExceptions'][number];

/** The policy of each version number, from the versions read (0 is the shipped default policy). */
export function usePolicyOfVersion(): (number: number) => PolicySet | null {
  const inForce = useQuery(policyQueries.inForce());
  const versions = useQuery(policyQueries.versions());
  return (number) => {
    if (number === 0) return DEFAULT_POLICY_SET;
    const policy =
      inForce.data?.number === number ? inForce.data.policy : versions.data?.find((version) => version.number === number)?.policy;
    const parsed = policySetSchema.safeParse(policy);
    return parsed.success ? parsed.data : null;
  };
}

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return (
    <Badge color={outcomeColors[outcome] ?? 'gray'} variant="light" tt="none">
      {outcomeLabels[outcome] ?? outcome}
    </Badge>
  );
}

/** Why a rule took part in a decision: its name and id, its condition in words, and this use's values of what it reads. */
export function RuleWhy({
  rule,
  facts,
  note,
  showReason = true,
}: {
  rule: PolicyRule;
  facts?: KnownFacts;
  /** What else bears on the rule here, e.g. the exception that waives it. */
  note?: string;
  showReason?: boolean;
}) {
  const here = facts ? factsHere(rule, facts) : [];
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="wrap">
        <Text size="xs" fw={600}>
          {rule.name}
        </Text>
        <Code>{rule.id}</Code>
        <OutcomeBadge outcome={rule.outcome} />
      </Group>
      {showReason && (
        <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
          {rule.reason}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t('policies.why.when', { condition: describeCondition(rule.when) })}
      </Text>
      {here.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="rule-values-here">
          {t('policies.why.here', {
            values: here.map((fact) => t('policies.why.factValue', { fact: fact.label, value: fact.value })).join('; '),
          })}
        </Text>
      )}
      {note && (
        <Text size="xs" fw={500}>
          {note}
        </Text>
      )}
    </Stack>
  );
}

/** The exception a decision reason or a violation's resolution names ("Exception EX-12 covers this use until …"). */
export function exceptionNamedIn(text: string | null | undefined, exceptions: readonly PolicyException[]) {
  const reference = text ? /\bEX-\d+\b/.exec(text)?.[0] : undefined;
  return reference ? exceptions.find((exception) => exception.reference === reference) : undefined;
}

/** The moment the component first rendered: "expires in N days" counts from it, and stays stable while shown. */
function useNow(): Date {
  const [now] = useState(() => new Date());
  return now;
}

/** The end of an exception's time box: the day (the instant on hover) and how far away it is. */
export function ExceptionExpiry({ exception }: { exception: Pick<PolicyException, 'expiresAt' | 'state' | 'grantedAt'> }) {
  const now = useNow();
  const days = daysUntil(exception.expiresAt, now);
  const ended = new Date(exception.expiresAt) <= now;
  const live = exception.state === 'GRANTED' || exception.state === 'REQUESTED';
  const granted = exception.grantedAt ? Math.max(1, daysUntil(exception.expiresAt, new Date(exception.grantedAt))) : null;
  return (
    <Stack gap={0}>
      <Text size="sm">
        <DateTime value={exception.expiresAt} format="day" />
      </Text>
      {live && (
        <Text size="xs" c={ended ? 'red' : days <= 7 ? 'orange' : 'dimmed'} fw={days <= 7 ? 600 : undefined}>
          {ended
            ? t('policies.exception.ended')
            : days <= 0
              ? t('policies.exception.expiresToday')
              : t('policies.exception.expiresIn', { count: days })}
        </Text>
      )}
      {granted !== null && (
        <Text size="xs" c="dimmed">
          {t('policies.exception.timeBox', { count: granted })}
        </Text>
      )}
    </Stack>
  );
}

type Use = {
  modelVersionId: string;
  environment: string;
  hostingTargetId: string;
  dataClassification: string;
  teamId: string | null;
};

/** Whether a live exception waives this rule for this use. */
export function waives(exception: PolicyException, ruleId: string): boolean {
  return exception.ruleIds.length === 0 || exception.ruleIds.includes(ruleId);
}

function covers(exception: PolicyException, use: Use, now: Date): boolean {
  return exceptionCovers(
    {
      state: exception.state,
      teamId: exception.team?.id ?? null,
      environments: exception.environments as Environment[],
      hostingTargetIds: exception.hostingTargetIds,
      maxDataClassification: exception.maxDataClassification as DataClassification,
      expiresAt: new Date(exception.expiresAt),
    },
    {
      environment: use.environment as Environment,
      hostingTargetId: use.hostingTargetId,
      dataClassification: use.dataClassification as DataClassification,
      teamId: use.teamId,
      now,
    },
  );
}

/**
 * The exceptions asked for or granted for this model version, and what each means for this use: it covers it
 * (until when), it is still waiting for its grants, or its scope leaves this use out.
 */
export function ExceptionsForUse({ exceptions, use }: { exceptions: readonly PolicyException[]; use: Use }) {
  const now = useNow();
  const relevant = exceptions.filter(
    (exception) =>
      exception.modelVersion.id === use.modelVersionId &&
      (exception.state === 'GRANTED' || exception.state === 'REQUESTED') &&
      new Date(exception.expiresAt) > now,
  );
  if (relevant.length === 0) return null;
  return (
    <Stack gap={2}>
      {relevant.map((exception) => {
        const days = daysUntil(exception.expiresAt, now);
        const status =
          exception.state === 'REQUESTED'
            ? t('policies.why.exceptionRequested', { count: exception.grantedBy.length })
            : covers(exception, use, now)
              ? t('policies.why.exceptionCovers')
              : t('policies.why.exceptionOutOfScope');
        return (
          <Group key={exception.id} gap={6} wrap="wrap">
            <Badge color={exceptionStateColors[exception.state] ?? 'gray'} variant="outline" tt="none" size="sm">
              {t('policies.why.exception', {
                reference: exception.reference,
                state: exceptionStateLabels[exception.state] ?? exception.state,
              })}
            </Badge>
            <Text size="xs">
              {t('policies.why.exceptionLine', {
                status,
                expiry:
                  exception.state === 'REQUESTED'
                    ? t('policies.why.wouldEnd')
                    : days <= 0
                      ? t('policies.exception.expiresToday')
                      : t('policies.exception.expiresIn', { count: days }),
              })}{' '}
              <DateTime value={exception.expiresAt} format="day" />
            </Text>
          </Group>
        );
      })}
    </Stack>
  );
}
