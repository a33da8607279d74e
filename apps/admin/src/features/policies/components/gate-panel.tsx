import { Alert, Badge, Button, Code, Group, Select, Stack, Switch, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import { DateTime } from '../../../components/date-time';
import { EmptyState } from '../../../components/page-states';
import { AnchorLink } from '../../../components/router-links';
import type { AskPolicyDecisionQuery, DataClassification, Environment, PolicyQuestionInput } from '../../../gql/graphql';
import { FormError } from '../../inventory/components/form-parts';
import { ModelVersionSelect } from '../../inventory/components/model-version-select';
import { dataClassificationLabels, environmentLabels, hostingModeLabels, optionsOf } from '../../inventory/labels';
import { inventoryQueries } from '../../inventory/queries';
import { factsOfUse, hostingFacts, modelFacts, ruleById, type KnownFacts } from '../describe';
import { decisionColors, decisionLabels, reasonSourceLabels } from '../labels';
import { t } from '../messages';
import { askGate, policyQueries } from '../queries';
import { ExceptionExpiry, exceptionNamedIn, ExceptionsForUse, RuleWhy, usePolicyOfVersion, waives } from './why';

/** The command pipelines run; a name, not words to translate. */
const CHECK_COMMAND = 'modelgate check';

type Answer = AskPolicyDecisionQuery['policyDecision'];
type Reason = Answer['reasons'][number] & { index: number };
type Asked = { question: PolicyQuestionInput & { modelVersionId: string; hostingTargetId: string }; answer: Answer };

/** The gate's answer: the decision, and each of its reasons with the rule, its condition and this question's values. */
function GateAnswer({ asked }: { asked: Asked }) {
  const { question, answer } = asked;
  const policyOf = usePolicyOfVersion();
  const policy = policyOf(answer.policyVersion);
  const model = useQuery(policyQueries.modelFacts(question.modelVersionId));
  const targets = useQuery(inventoryQueries.hostingTargets());
  const exceptions = useQuery(policyQueries.exceptions());
  const target = targets.data?.find((candidate) => candidate.id === question.hostingTargetId);
  // The exception that let the use through waives some deny rules: say so beside each of them.
  const waiving = exceptionNamedIn(
    answer.reasons.find((reason) => reason.source === 'EXCEPTION')?.message,
    exceptions.data ?? [],
  );
  const facts: KnownFacts = {
    ...(model.data ? modelFacts(model.data) : {}),
    ...(target ? hostingFacts(target) : {}),
    ...factsOfUse({
      environment: question.environment,
      dataClassification: question.dataClassification,
      personalData: question.personalData ?? false,
      euAiActCategory: question.euAiActCategory ?? null,
    }),
  };

  const columns: DataColumn<Reason>[] = [
    { id: 'order', header: t('policies.gate.column.order'), value: (reason) => reason.index + 1, width: '56px', align: 'right' },
    {
      id: 'source',
      header: t('policies.gate.column.source'),
      value: (reason) => reasonSourceLabels[reason.source] ?? reason.source,
      width: '120px',
    },
    {
      id: 'rule',
      header: t('policies.gate.column.rule'),
      value: (reason) => reason.ruleId,
      width: '220px',
      defaultHidden: true,
      cell: (reason) => (reason.ruleId ? <Code>{reason.ruleId}</Code> : t('policies.none')),
    },
    {
      id: 'why',
      header: t('policies.gate.column.why'),
      value: (reason) => reason.message,
      hideable: false,
      sortable: false,
      cell: (reason) => {
        const rule = reason.source === 'POLICY' ? ruleById(policy, reason.ruleId) : undefined;
        const exception = reason.source === 'EXCEPTION' ? exceptionNamedIn(reason.message, exceptions.data ?? []) : undefined;
        if (rule) {
          const waived = rule.outcome === 'DENY' && waiving !== undefined && waives(waiving, rule.id);
          return (
            <RuleWhy
              rule={rule}
              facts={facts}
              note={waived ? t('policies.why.waivedBy', { reference: waiving.reference }) : undefined}
            />
          );
        }
        return (
          <Stack gap={4}>
            <Text size="sm">
              {reason.ruleId && (
                <>
                  <Code>{reason.ruleId}</Code>{' '}
                </>
              )}
              {reason.message}
            </Text>
            {exception && <ExceptionExpiry exception={exception} />}
          </Stack>
        );
      },
    },
  ];

  return (
    <Alert
      color={decisionColors[answer.decision]}
      title={
        <Group gap="xs">
          <Badge color={decisionColors[answer.decision]} tt="none" data-testid="gate-decision">
            {decisionLabels[answer.decision]}
          </Badge>
          <Text size="sm">
            {t('policies.gate.underVersion', { number: answer.policyVersion })}{' '}
            <DateTime value={answer.decidedAt} format="dateTime" />
          </Text>
        </Group>
      }
      aria-live="polite"
    >
      <Stack gap="sm">
        <DataTable
          id="policy-gate-reasons"
          label={t('policies.gate.reasonsLabel')}
          columns={columns}
          rows={answer.reasons.map((reason, index) => ({ ...reason, index }))}
          rowKey={(reason) => String(reason.index)}
          minWidth={700}
          empty={<EmptyState title={t('policies.gate.noReasons')} />}
        />
        {answer.approval && (
          <Text size="sm">
            {t('policies.gate.coveringApproval')}{' '}
            <AnchorLink to="/approvals/$requestId" params={{ requestId: answer.approval.id }}>
              {answer.approval.reference}
            </AnchorLink>
          </Text>
        )}
        {answer.decision !== 'ALLOW' && (
          <ExceptionsForUse
            exceptions={exceptions.data ?? []}
            use={{
              modelVersionId: question.modelVersionId,
              environment: question.environment,
              hostingTargetId: question.hostingTargetId,
              dataClassification: question.dataClassification,
              teamId: null,
            }}
          />
        )}
      </Stack>
    </Alert>
  );
}

/**
 * Asks the CI gate the question a pipeline would, and shows its answer with every reason. Each answer is logged.
 * Asking saves nothing, so leaving the page with a question half filled in is not guarded.
 */
export function GatePanel() {
  const targets = useQuery(inventoryQueries.hostingTargets());
  const [modelVersionId, setModelVersionId] = useState<string | null>(null);
  const [environment, setEnvironment] = useState<Environment | null>('PRODUCTION');
  const [hostingTargetId, setHostingTargetId] = useState<string | null>(null);
  const [dataClassification, setDataClassification] = useState<DataClassification | null>('INTERNAL');
  const [personalData, setPersonalData] = useState(false);
  const [asked, setAsked] = useState<Asked | null>(null);
  const [state, setState] = useState<'idle' | 'asking' | Error>('idle');
  const ready = modelVersionId && environment && hostingTargetId && dataClassification;

  const ask = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setState('asking');
    const question = { modelVersionId, environment, hostingTargetId, dataClassification, personalData };
    try {
      setAsked({ question, answer: await askGate(question) });
      setState('idle');
    } catch (error) {
      setState(error as Error);
    }
  };

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('policies.gate.introBefore')} <Code>{CHECK_COMMAND}</Code>
        {t('policies.gate.introAfter')}
      </Text>
      <form onSubmit={(event) => void ask(event)} aria-label={t('policies.gate.form')}>
        <Stack>
          <ModelVersionSelect
            label={t('policies.gate.field.modelVersion')}
            required
            value={modelVersionId}
            onChange={(option) => setModelVersionId(option?.value ?? null)}
            maw={520}
          />
          <Group grow align="flex-start">
            <Select
              label={t('policies.gate.field.environment')}
              required
              allowDeselect={false}
              data={optionsOf(environmentLabels)}
              value={environment}
              onChange={(value) => setEnvironment(value)}
            />
            <Select
              label={t('policies.gate.field.hostingTarget')}
              required
              searchable
              allowDeselect={false}
              data={(targets.data ?? []).map((target) => ({
                value: target.id,
                label: t('policies.hostingTargetOption', { name: target.name, mode: hostingModeLabels[target.mode] }),
              }))}
              value={hostingTargetId}
              onChange={setHostingTargetId}
            />
            <Select
              label={t('policies.gate.field.dataClassification')}
              required
              allowDeselect={false}
              data={optionsOf(dataClassificationLabels)}
              value={dataClassification}
              onChange={(value) => setDataClassification(value)}
            />
          </Group>
          <Switch
            label={t('policies.gate.field.personalData')}
            checked={personalData}
            onChange={(event) => setPersonalData(event.currentTarget.checked)}
          />
          <Group>
            <Button type="submit" disabled={!ready} loading={state === 'asking'}>
              {t('policies.gate.ask')}
            </Button>
          </Group>
        </Stack>
      </form>
      {state instanceof Error && <FormError error={state} title={t('policies.gate.failed')} />}
      {asked && <GateAnswer asked={asked} />}
    </Stack>
  );
}
