import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  List,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { REVIEW_CATEGORIES } from '@modelgate/domain/approvals';
import { policySetSchema, type Condition, type PolicyRule } from '@modelgate/domain/policy';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { showNotice } from '../../../components/notices';
import { AnchorLink } from '../../../components/router-links';
import type { PolicyPreviewQuery, PolicyVersionFieldsFragment } from '../../../gql/graphql';
import { categoryLabel } from '../../approvals/labels';
import { countryOptions, FormError } from '../../inventory/components/form-parts';
import { serverFieldErrors } from '../../inventory/form-errors';
import { useActivatePolicyVersion, useDiscardPolicyVersion, useUpdatePolicyDraft } from '../hooks';
import { decisionColors, decisionLabels, outcomeLabels, versionStatusColors, versionStatusLabels } from '../labels';
import { usePolicyPermissions } from '../permissions';
import { previewPolicy } from '../queries';
import { comparisonFor, ConditionEditor, type Issues } from './condition-editor';
import { PolicyReadable } from './rule-list';

/** A rule as the editor holds it: the schema's input shape, checked as a whole on every change. */
type RuleDraft = Omit<PolicyRule, 'description' | 'approvers'> & { description?: string | null; approvers?: number | null };
type PolicyDraft = { countryGroups: Record<string, string[]>; rules: RuleDraft[] };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Only a policy shaped like { countryGroups: {...}, rules: [{ when, ... }] } can be edited as a form; anything else stays JSON. */
function asDraft(value: unknown): PolicyDraft | null {
  if (!isRecord(value) || !isRecord(value.countryGroups) || !Array.isArray(value.rules)) return null;
  if (!value.rules.every((rule) => isRecord(rule) && isRecord(rule.when))) return null;
  if (!Object.values(value.countryGroups).every(Array.isArray)) return null;
  return value as PolicyDraft;
}

function issuesOf(draft: PolicyDraft): Map<string, string> {
  const parsed = policySetSchema.safeParse(draft);
  const issues = new Map<string, string>();
  if (!parsed.success) for (const issue of parsed.error.issues) issues.set(issue.path.map(String).join('.'), issue.message);
  return issues;
}

/** "Rule 2 (deny-x), when › all › 1 › value" for "rules.1.when.all.1.value". */
function placeOf(path: string, draft: PolicyDraft): string {
  const parts = path.split('.');
  if (parts[0] === 'rules' && parts[1] !== undefined) {
    const index = Number(parts[1]);
    const rest = parts.slice(2).join(' › ');
    return `Rule ${index + 1} (${draft.rules[index]?.id || 'no id'})${rest ? `, ${rest}` : ''}`;
  }
  if (parts[0] === 'countryGroups') return `Country group ${parts[1] ?? ''}`;
  return path || 'The policy';
}

function newRule(draft: PolicyDraft): RuleDraft {
  let n = draft.rules.length + 1;
  while (draft.rules.some((rule) => rule.id === `new-rule-${n}`)) n += 1;
  return {
    id: `new-rule-${n}`,
    name: '',
    when: comparisonFor('hosting.operator', Object.keys(draft.countryGroups)),
    outcome: 'DENY',
    reviewCategories: [],
    approvers: null,
    reason: '',
  };
}

function RuleEditor({
  rule,
  index,
  count,
  issues,
  groups,
  onChange,
  onMove,
  onRemove,
}: {
  rule: RuleDraft;
  index: number;
  count: number;
  issues: Issues;
  groups: readonly string[];
  onChange: (next: RuleDraft) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const at = (field: string) => issues.get(`rules.${index}.${field}`);
  return (
    <Paper withBorder p="md" component="article" aria-label={`Rule ${index + 1}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5">
            Rule {index + 1}
          </Title>
          <Group gap={4}>
            <Button size="compact-xs" variant="subtle" disabled={index === 0} onClick={() => onMove(-1)}>
              Move up
            </Button>
            <Button size="compact-xs" variant="subtle" disabled={index === count - 1} onClick={() => onMove(1)}>
              Move down
            </Button>
            <Button size="compact-xs" variant="subtle" color="red" onClick={onRemove}>
              Remove rule
            </Button>
          </Group>
        </Group>
        <Group grow align="flex-start">
          <TextInput
            label="Id"
            description="Lower-case words joined by dashes; decisions cite it."
            required
            value={rule.id}
            onChange={(event) => onChange({ ...rule, id: event.currentTarget.value })}
            error={at('id')}
          />
          <TextInput
            label="Name"
            required
            value={rule.name}
            onChange={(event) => onChange({ ...rule, name: event.currentTarget.value })}
            error={at('name')}
          />
          <Select
            label="Outcome"
            required
            allowDeselect={false}
            data={Object.entries(outcomeLabels).map(([value, label]) => ({ value, label }))}
            value={rule.outcome}
            onChange={(outcome) =>
              outcome &&
              onChange({
                ...rule,
                outcome: outcome as RuleDraft['outcome'],
                ...(outcome === 'REQUIRE_REVIEW' ? {} : { reviewCategories: [], approvers: null }),
              })
            }
            error={at('outcome')}
          />
        </Group>
        <Text size="sm" fw={500}>
          When
        </Text>
        <ConditionEditor
          condition={rule.when}
          path={`rules.${index}.when`}
          issues={issues}
          groups={groups}
          onChange={(when: Condition) => onChange({ ...rule, when })}
        />
        {issues.get(`rules.${index}.when`) && (
          <Text size="sm" c="red" role="alert">
            {issues.get(`rules.${index}.when`)}
          </Text>
        )}
        {rule.outcome === 'REQUIRE_REVIEW' && (
          <Group grow align="flex-start">
            <MultiSelect
              label="Reviews it asks for"
              data={REVIEW_CATEGORIES.map((value) => ({ value, label: categoryLabel(value) }))}
              value={rule.reviewCategories}
              onChange={(value) => onChange({ ...rule, reviewCategories: value })}
              error={at('reviewCategories')}
            />
            <NumberInput
              label="Fewest approvers"
              min={1}
              max={5}
              allowDecimal={false}
              value={rule.approvers ?? ''}
              onChange={(value) => onChange({ ...rule, approvers: typeof value === 'number' ? value : null })}
              error={at('approvers')}
            />
          </Group>
        )}
        <Textarea
          label="Reason"
          description="Shown with every decision the rule takes part in."
          required
          autosize
          minRows={1}
          value={rule.reason}
          onChange={(event) => onChange({ ...rule, reason: event.currentTarget.value })}
          error={at('reason')}
        />
      </Stack>
    </Paper>
  );
}

function CountryGroupsEditor({
  draft,
  issues,
  onChange,
}: {
  draft: PolicyDraft;
  issues: Issues;
  onChange: (groups: PolicyDraft['countryGroups']) => void;
}) {
  const [newName, setNewName] = useState('');
  const entries = Object.entries(draft.countryGroups);
  return (
    <Stack>
      {entries.map(([name, members]) => (
        <Group key={name} align="flex-end">
          <MultiSelect
            label={`Group ${name}`}
            searchable
            data={countryOptions()}
            value={members}
            onChange={(value) => onChange({ ...draft.countryGroups, [name]: value })}
            error={issues.get(`countryGroups.${name}`)}
            style={{ flex: 1 }}
          />
          <Button
            variant="subtle"
            color="red"
            onClick={() => onChange(Object.fromEntries(entries.filter(([other]) => other !== name)))}
          >
            Remove group
          </Button>
        </Group>
      ))}
      <Group align="flex-end">
        <TextInput
          label="New group"
          placeholder="e.g. eu-member-states"
          value={newName}
          onChange={(event) => setNewName(event.currentTarget.value)}
        />
        <Button
          variant="default"
          disabled={!newName.trim() || newName.trim() in draft.countryGroups}
          onClick={() => {
            onChange({ ...draft.countryGroups, [newName.trim()]: [] });
            setNewName('');
          }}
        >
          Add group
        </Button>
      </Group>
    </Stack>
  );
}

function JsonEditor({ draft, onApply }: { draft: PolicyDraft; onApply: (next: PolicyDraft) => void }) {
  const [text, setText] = useState(() => JSON.stringify(draft, null, 2));
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        The whole policy as JSON, in the rule language of docs/policies.md. Apply it to check it and edit it further as a form.
      </Text>
      <Textarea
        label="Policy JSON"
        autosize
        minRows={16}
        maxRows={40}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        error={problem}
        styles={{ input: { fontFamily: 'monospace', fontSize: 13 } }}
      />
      <Group>
        <Button
          variant="default"
          onClick={() => {
            let parsed: unknown;
            try {
              parsed = JSON.parse(text);
            } catch (error) {
              setProblem(`Not valid JSON: ${(error as Error).message}`);
              return;
            }
            const next = asDraft(parsed);
            if (!next) {
              setProblem('must be { "countryGroups": { ... }, "rules": [ { "when": { ... }, ... } ] }');
              return;
            }
            setProblem(null);
            onApply(next);
          }}
        >
          Apply JSON
        </Button>
        <Button variant="subtle" onClick={() => setText(JSON.stringify(draft, null, 2))}>
          Reload from the form
        </Button>
      </Group>
    </Stack>
  );
}

type Preview = PolicyPreviewQuery['policyPreview'];

function PreviewPanel({ draft, valid }: { draft: PolicyDraft; valid: boolean }) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | Error>('idle');
  const run = async () => {
    setState('loading');
    try {
      setPreview(await previewPolicy(draft));
      setState('idle');
    } catch (error) {
      setState(error as Error);
    }
  };
  return (
    <Stack>
      <Group>
        <Button onClick={() => void run()} loading={state === 'loading'} disabled={!valid}>
          Preview against active deployments
        </Button>
        {!valid && <Text size="sm">Fix the problems above first.</Text>}
      </Group>
      {state instanceof Error && <FormError error={state} title="The preview failed" />}
      {preview && (
        <Stack gap="xs" aria-live="polite">
          <Text size="sm" data-testid="preview-summary">
            {preview.changes.length === 0
              ? `None of the ${preview.deploymentsChecked} active deployments would be decided differently.`
              : `${preview.changes.length} of ${preview.deploymentsChecked} active deployments would be decided differently:`}
          </Text>
          {preview.changes.length > 0 && (
            <Table striped aria-label="Decisions that would change" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Deployment</Table.Th>
                  <Table.Th>Now</Table.Th>
                  <Table.Th>With this draft</Table.Th>
                  <Table.Th>Why</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.changes.map((change) => (
                  <Table.Tr key={change.deploymentId}>
                    <Table.Td>{change.description}</Table.Td>
                    <Table.Td>
                      <Badge color={decisionColors[change.before]} variant="light" tt="none">
                        {decisionLabels[change.before]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={decisionColors[change.after]} variant="light" tt="none">
                        {decisionLabels[change.after]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <List size="xs">
                        {change.reasons.map((reason, index) => (
                          <List.Item key={index}>
                            {reason.ruleId && <Code>{reason.ruleId}</Code>} {reason.message}
                          </List.Item>
                        ))}
                      </List>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Stack>
  );
}

/** A draft: rules as a form (or JSON), checked by the shared schema as you type, previewed, saved, then activated by someone else. */
function DraftEditor({ version }: { version: PolicyVersionFieldsFragment }) {
  const permissions = usePolicyPermissions();
  const navigate = useNavigate();
  const save = useUpdatePolicyDraft();
  const activate = useActivatePolicyVersion();
  const discard = useDiscardPolicyVersion();
  const initial = useMemo(() => asDraft(version.policy) ?? { countryGroups: {}, rules: [] }, [version.policy]);
  const [draft, setDraft] = useState<PolicyDraft>(initial);
  const [note, setNote] = useState(version.note ?? '');
  const [tab, setTab] = useState<string | null>('rules');
  const issues = useMemo(() => issuesOf(draft), [draft]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial) || note !== (version.note ?? '');
  const groups = Object.keys(draft.countryGroups);
  const drafter = version.draftedBy?.id === permissions.viewerId;
  const error = save.error ?? activate.error ?? discard.error;
  const serverIssues = new Map(issues);
  for (const [field, reason] of Object.entries(serverFieldErrors(save.error))) {
    serverIssues.set(field.replace(/^policy\./, ''), reason);
  }
  const updateRule = (index: number, next: RuleDraft) =>
    setDraft({ ...draft, rules: draft.rules.map((rule, at) => (at === index ? next : rule)) });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <TextInput
          label="Note"
          description="What this version changes, for the officer who activates it."
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          style={{ flex: 1 }}
          maw={600}
        />
        <Group gap="xs">
          <Button
            variant="default"
            loading={save.isPending}
            disabled={!dirty || issues.size > 0}
            onClick={() =>
              save.mutate(
                { id: version.id, expectedVersion: version.version, policy: draft, note: note.trim() || null },
                { onSuccess: () => showNotice('Draft saved', `Policy version ${version.number}`) },
              )
            }
          >
            Save draft
          </Button>
          <Button
            loading={activate.isPending}
            disabled={dirty || drafter || !permissions.canManage}
            title={drafter ? 'You edited this draft last; another compliance officer activates it (four eyes).' : undefined}
            onClick={() =>
              activate.mutate(
                { id: version.id, expectedVersion: version.version },
                { onSuccess: () => showNotice('Policy activated', `Version ${version.number} is now in force`) },
              )
            }
          >
            Activate
          </Button>
          <Button
            variant="outline"
            color="red"
            loading={discard.isPending}
            onClick={() =>
              discard.mutate(
                { id: version.id, expectedVersion: version.version },
                {
                  onSuccess: () => {
                    showNotice('Draft discarded', `Policy version ${version.number}`);
                    void navigate({ to: '/policies', search: { tab: 'versions' } });
                  },
                },
              )
            }
          >
            Discard
          </Button>
        </Group>
      </Group>
      {drafter && (
        <Alert color="blue" title="Four eyes">
          You edited this draft last, so another compliance officer must activate it.
        </Alert>
      )}
      {dirty && !drafter && <Text size="sm">Save your changes before activating.</Text>}
      <FormError error={error} title="Nothing was changed" />
      {serverIssues.size > 0 && (
        <Alert color="red" title={`${serverIssues.size} ${serverIssues.size === 1 ? 'problem' : 'problems'} to fix`} role="alert">
          <List size="sm">
            {[...serverIssues].map(([path, message]) => (
              <List.Item key={path}>
                {placeOf(path, draft)}: {message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="rules">Rules ({draft.rules.length})</Tabs.Tab>
          <Tabs.Tab value="groups">Country groups</Tabs.Tab>
          <Tabs.Tab value="json">JSON</Tabs.Tab>
          <Tabs.Tab value="preview">Preview</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="rules" pt="md">
          <Stack>
            {draft.rules.map((rule, index) => (
              <RuleEditor
                key={index}
                rule={rule}
                index={index}
                count={draft.rules.length}
                issues={serverIssues}
                groups={groups}
                onChange={(next) => updateRule(index, next)}
                onMove={(by) => {
                  const rules = [...draft.rules];
                  [rules[index], rules[index + by]] = [rules[index + by]!, rules[index]!];
                  setDraft({ ...draft, rules });
                }}
                onRemove={() => setDraft({ ...draft, rules: draft.rules.filter((_, at) => at !== index) })}
              />
            ))}
            <Group>
              <Button variant="default" onClick={() => setDraft({ ...draft, rules: [...draft.rules, newRule(draft)] })}>
                Add rule
              </Button>
            </Group>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="groups" pt="md">
          <CountryGroupsEditor
            draft={draft}
            issues={serverIssues}
            onChange={(countryGroups) => setDraft({ ...draft, countryGroups })}
          />
        </Tabs.Panel>
        <Tabs.Panel value="json" pt="md">
          {tab === 'json' && <JsonEditor draft={draft} onApply={setDraft} />}
        </Tabs.Panel>
        <Tabs.Panel value="preview" pt="md">
          <PreviewPanel draft={draft} valid={issues.size === 0} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** One policy version: editable while a draft (for compliance officers), readable otherwise. */
export function PolicyVersionView({ version }: { version: PolicyVersionFieldsFragment }) {
  const permissions = usePolicyPermissions();
  const parsed = policySetSchema.safeParse(version.policy);
  return (
    <Stack>
      <AnchorLink to="/policies" search={{ tab: 'versions' }} size="sm">
        ← Policy versions
      </AnchorLink>
      <Group gap="sm">
        <Title order={1} size="h2">
          Policy version {version.number}
        </Title>
        <Badge color={versionStatusColors[version.status] ?? 'gray'} variant="light" tt="none">
          {versionStatusLabels[version.status] ?? version.status}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed">
        Drafted by {version.draftedBy?.displayName ?? 'unknown'} on {version.createdAt.slice(0, 10)}
        {version.activatedAt &&
          `; activated by ${version.activatedBy?.displayName ?? 'unknown'} on ${version.activatedAt.slice(0, 10)}`}
        {version.note && ` — ${version.note}`}
      </Text>
      {version.status === 'DRAFT' && permissions.canManage ? (
        <DraftEditor version={version} />
      ) : parsed.success ? (
        <PolicyReadable policy={parsed.data} />
      ) : (
        <Code block>{JSON.stringify(version.policy, null, 2)}</Code>
      )}
    </Stack>
  );
}
