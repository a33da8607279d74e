import { Alert, Badge, Button, Code, Group, List, Select, Stack, Switch, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { AnchorLink } from '../../../components/router-links';
import type { AskPolicyDecisionQuery, DataClassification, Environment } from '../../../gql/graphql';
import { FormError } from '../../inventory/components/form-parts';
import { ModelVersionSelect } from '../../inventory/components/model-version-select';
import { dataClassificationLabels, environmentLabels, hostingModeLabels, optionsOf } from '../../inventory/labels';
import { inventoryQueries } from '../../inventory/queries';
import { decisionColors, decisionLabels, reasonSourceLabels } from '../labels';
import { askGate } from '../queries';

type Answer = AskPolicyDecisionQuery['policyDecision'];

/** Asks the CI gate the question a pipeline would, and shows its answer with every reason. Each answer is logged. */
export function GatePanel() {
  const targets = useQuery(inventoryQueries.hostingTargets());
  const [modelVersionId, setModelVersionId] = useState<string | null>(null);
  const [environment, setEnvironment] = useState<Environment | null>('PRODUCTION');
  const [hostingTargetId, setHostingTargetId] = useState<string | null>(null);
  const [dataClassification, setDataClassification] = useState<DataClassification | null>('INTERNAL');
  const [personalData, setPersonalData] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [state, setState] = useState<'idle' | 'asking' | Error>('idle');
  const ready = modelVersionId && environment && hostingTargetId && dataClassification;

  const ask = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setState('asking');
    try {
      setAnswer(await askGate({ modelVersionId, environment, hostingTargetId, dataClassification, personalData }));
      setState('idle');
    } catch (error) {
      setState(error as Error);
    }
  };

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        The question a pipeline asks with <Code>modelgate check</Code>: may this model version run here, with this data? Every
        answer is logged.
      </Text>
      <form onSubmit={(event) => void ask(event)} aria-label="Ask the gate">
        <Stack>
          <ModelVersionSelect
            label="Model version"
            required
            value={modelVersionId}
            onChange={(option) => setModelVersionId(option?.value ?? null)}
            maw={520}
          />
          <Group grow align="flex-start">
            <Select
              label="Environment"
              required
              allowDeselect={false}
              data={optionsOf(environmentLabels)}
              value={environment}
              onChange={(value) => setEnvironment(value)}
            />
            <Select
              label="Hosting target"
              required
              searchable
              allowDeselect={false}
              data={(targets.data ?? []).map((target) => ({
                value: target.id,
                label: `${target.name} (${hostingModeLabels[target.mode]})`,
              }))}
              value={hostingTargetId}
              onChange={setHostingTargetId}
            />
            <Select
              label="Data classification"
              required
              allowDeselect={false}
              data={optionsOf(dataClassificationLabels)}
              value={dataClassification}
              onChange={(value) => setDataClassification(value)}
            />
          </Group>
          <Switch
            label="Personal data"
            checked={personalData}
            onChange={(event) => setPersonalData(event.currentTarget.checked)}
          />
          <Group>
            <Button type="submit" disabled={!ready} loading={state === 'asking'}>
              Ask
            </Button>
          </Group>
        </Stack>
      </form>
      {state instanceof Error && <FormError error={state} title="The gate could not answer" />}
      {answer && (
        <Alert
          color={decisionColors[answer.decision]}
          title={
            <Group gap="xs">
              <Badge color={decisionColors[answer.decision]} tt="none" data-testid="gate-decision">
                {decisionLabels[answer.decision]}
              </Badge>
              <Text size="sm">under policy version {answer.policyVersion}</Text>
            </Group>
          }
          aria-live="polite"
        >
          <List size="sm">
            {answer.reasons.map((reason, index) => (
              <List.Item key={index}>
                {reasonSourceLabels[reason.source] ?? reason.source}
                {reason.ruleId && (
                  <>
                    {' '}
                    <Code>{reason.ruleId}</Code>
                  </>
                )}
                : {reason.message}
              </List.Item>
            ))}
          </List>
          {answer.approval && (
            <Text size="sm" mt="xs">
              Covering approval:{' '}
              <AnchorLink to="/approvals/$requestId" params={{ requestId: answer.approval.id }}>
                {answer.approval.reference}
              </AnchorLink>
            </Text>
          )}
        </Alert>
      )}
    </Stack>
  );
}
