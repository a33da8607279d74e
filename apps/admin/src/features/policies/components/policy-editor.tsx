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
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { REVIEW_CATEGORIES } from '@modelgate/domain/approvals';
import { policySetSchema, type Condition, type PolicyRule, type PolicySet } from '@modelgate/domain/policy';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import { DateTime } from '../../../components/date-time';
import { showNotice } from '../../../components/notices';
import { EmptyState } from '../../../components/page-states';
import { AnchorLink } from '../../../components/router-links';
import { UnsavedChangesGuard } from '../../../components/unsaved-changes-guard';
import type { PolicyPreviewQuery, PolicyVersionFieldsFragment } from '../../../gql/graphql';
import { categoryLabel } from '../../approvals/labels';
import { countryOptions, FormError } from '../../inventory/components/form-parts';
import { serverFieldErrors } from '../../inventory/form-errors';
import { describeCondition, ruleById } from '../describe';
import { useActivatePolicyVersion, useDiscardPolicyVersion, useUpdatePolicyDraft } from '../hooks';
import {
  decisionColors,
  decisionLabels,
  outcomeLabels,
  reasonSourceLabels,
  versionStatusColors,
  versionStatusLabels,
} from '../labels';
import { t } from '../messages';
import { usePolicyPermissions } from '../permissions';
import { policyQueries, previewPolicy } from '../queries';
import { comparisonFor, ConditionEditor, type Issues } from './condition-editor';
import { ConfirmDialog } from './confirm';
import { PolicyReadable } from './rule-list';
import { RuleWhy } from './why';
import { translateDomainText } from '../../../i18n/domain-text';

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
  if (!parsed.success)
    for (const issue of parsed.error.issues) issues.set(issue.path.map(String).join('.'), translateDomainText(issue.message));
  return issues;
}

/** "Rule 2 (deny-x), when › all › 1 › value" for "rules.1.when.all.1.value". */
function placeOf(path: string, draft: PolicyDraft): string {
  const parts = path.split('.');
  if (parts[0] === 'rules' && parts[1] !== undefined) {
    const index = Number(parts[1]);
    const rest = parts.slice(2).join(' › ');
    const rule = t('policies.editor.placeRule', { number: index + 1, id: draft.rules[index]?.id || t('policies.editor.noId') });
    return rest ? t('policies.editor.placeWithin', { place: rule, path: rest }) : rule;
  }
  if (parts[0] === 'countryGroups') return t('policies.editor.placeGroup', { name: parts[1] ?? '' });
  return path || t('policies.editor.placePolicy');
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
  const at = (field: keyof RuleDraft) => issues.get(`rules.${index}.${field}`);
  const fieldErrors = {
    id: at('id'),
    name: at('name'),
    outcome: at('outcome'),
    reviewCategories: at('reviewCategories'),
    approvers: at('approvers'),
    reason: at('reason'),
  };
  return (
    <Paper withBorder p="md" component="article" aria-label={t('policies.editor.ruleNumber', { number: index + 1 })}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {t('policies.editor.ruleNumber', { number: index + 1 })}
          </Title>
          <Group gap={4}>
            <Button size="compact-xs" variant="subtle" disabled={index === 0} onClick={() => onMove(-1)}>
              {t('policies.editor.moveUp')}
            </Button>
            <Button size="compact-xs" variant="subtle" disabled={index === count - 1} onClick={() => onMove(1)}>
              {t('policies.editor.moveDown')}
            </Button>
            <Button size="compact-xs" variant="subtle" color="red" onClick={onRemove}>
              {t('policies.editor.removeRule')}
            </Button>
          </Group>
        </Group>
        <Group grow align="flex-start">
          <TextInput
            label={t('policies.editor.field.id')}
            description={t('policies.editor.field.idHint')}
            required
            value={rule.id}
            onChange={(event) => onChange({ ...rule, id: event.currentTarget.value })}
            error={fieldErrors.id}
          />
          <TextInput
            label={t('policies.editor.field.name')}
            required
            value={rule.name}
            onChange={(event) => onChange({ ...rule, name: event.currentTarget.value })}
            error={fieldErrors.name}
          />
          <Select
            label={t('policies.editor.field.outcome')}
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
            error={fieldErrors.outcome}
          />
        </Group>
        <Text size="sm" fw={500}>
          {t('policies.editor.when')}
        </Text>
        <ConditionEditor
          condition={rule.when}
          path={`rules.${index}.when`}
          issues={issues}
          groups={groups}
          onChange={(when: Condition) => onChange({ ...rule, when })}
        />
        <Text size="xs" c="dimmed">
          {t('policies.why.when', { condition: describeCondition(rule.when) })}
        </Text>
        {issues.get(`rules.${index}.when`) && (
          <Text size="sm" c="red" role="alert">
            {issues.get(`rules.${index}.when`)}
          </Text>
        )}
        {rule.outcome === 'REQUIRE_REVIEW' && (
          <Group grow align="flex-start">
            <MultiSelect
              label={t('policies.editor.field.reviews')}
              data={REVIEW_CATEGORIES.map((value) => ({ value, label: categoryLabel(value) }))}
              value={rule.reviewCategories}
              onChange={(value) => onChange({ ...rule, reviewCategories: value })}
              error={fieldErrors.reviewCategories}
            />
            <NumberInput
              label={t('policies.editor.field.approvers')}
              min={1}
              max={5}
              allowDecimal={false}
              value={rule.approvers ?? ''}
              onChange={(value) => onChange({ ...rule, approvers: typeof value === 'number' ? value : null })}
              error={fieldErrors.approvers}
            />
          </Group>
        )}
        <Textarea
          label={t('policies.editor.field.reason')}
          description={t('policies.editor.field.reasonHint')}
          required
          autosize
          minRows={1}
          value={rule.reason}
          onChange={(event) => onChange({ ...rule, reason: event.currentTarget.value })}
          error={fieldErrors.reason}
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
  const [removing, setRemoving] = useState<string | null>(null);
  const entries = Object.entries(draft.countryGroups);
  const usedBy = (name: string) =>
    draft.rules.filter((rule) => JSON.stringify(rule.when).includes(`"value":${JSON.stringify(name)}`)).map((rule) => rule.id);
  return (
    <Stack>
      {entries.length === 0 && <EmptyState title={t('policies.groups.empty')} description={t('policies.groups.emptyHint')} />}
      {entries.map(([name, members]) => (
        <Group key={name} align="flex-end">
          <MultiSelect
            label={t('policies.editor.groupLabel', { name })}
            searchable
            data={countryOptions()}
            value={members}
            onChange={(value) => onChange({ ...draft.countryGroups, [name]: value })}
            error={issues.get(`countryGroups.${name}`)}
            style={{ flex: 1 }}
          />
          <Button variant="subtle" color="red" onClick={() => setRemoving(name)}>
            {t('policies.editor.removeGroup')}
          </Button>
        </Group>
      ))}
      <Group align="flex-end">
        <TextInput
          label={t('policies.editor.newGroup')}
          placeholder={t('policies.editor.newGroupPlaceholder')}
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
          {t('policies.editor.addGroup')}
        </Button>
      </Group>
      <ConfirmDialog
        opened={removing !== null}
        title={t('policies.editor.removeGroupTitle', { name: removing ?? '' })}
        confirmLabel={t('policies.editor.removeGroup')}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          onChange(Object.fromEntries(entries.filter(([other]) => other !== removing)));
          setRemoving(null);
        }}
      >
        {removing !== null && usedBy(removing).length > 0
          ? t('policies.editor.removeGroupUsed', { rules: usedBy(removing).join(', ') })
          : t('policies.editor.removeGroupBody')}
      </ConfirmDialog>
    </Stack>
  );
}

function JsonEditor({ draft, onApply }: { draft: PolicyDraft; onApply: (next: PolicyDraft) => void }) {
  const [text, setText] = useState(() => JSON.stringify(draft, null, 2));
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('policies.editor.jsonIntro')}
      </Text>
      <Textarea
        label={t('policies.editor.jsonLabel')}
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
              setProblem(t('policies.editor.jsonInvalid', { message: (error as Error).message }));
              return;
            }
            const next = asDraft(parsed);
            if (!next) {
              setProblem(t('policies.editor.jsonShape'));
              return;
            }
            setProblem(null);
            onApply(next);
          }}
        >
          {t('policies.editor.jsonApply')}
        </Button>
        <Button variant="subtle" onClick={() => setText(JSON.stringify(draft, null, 2))}>
          {t('policies.editor.jsonReload')}
        </Button>
      </Group>
    </Stack>
  );
}

type Preview = PolicyPreviewQuery['policyPreview'];
type Change = Preview['changes'][number];

function DecisionBadge({ decision }: { decision: Change['before'] }) {
  return (
    <Badge color={decisionColors[decision]} variant="light" tt="none">
      {decisionLabels[decision]}
    </Badge>
  );
}

function PreviewPanel({ draft, valid }: { draft: PolicyDraft; valid: boolean }) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | Error>('idle');
  const parsed = policySetSchema.safeParse(draft);
  const policy: PolicySet | null = parsed.success ? parsed.data : null;
  const run = async () => {
    setState('loading');
    try {
      setPreview(await previewPolicy(draft));
      setState('idle');
    } catch (error) {
      setState(error as Error);
    }
  };
  const columns: DataColumn<Change>[] = [
    {
      id: 'deployment',
      header: t('policies.preview.column.deployment'),
      value: (change) => change.description,
      hideable: false,
      width: '28%',
    },
    {
      id: 'before',
      header: t('policies.preview.column.before'),
      value: (change) => decisionLabels[change.before],
      cell: (change) => <DecisionBadge decision={change.before} />,
    },
    {
      id: 'after',
      header: t('policies.preview.column.after'),
      value: (change) => decisionLabels[change.after],
      cell: (change) => <DecisionBadge decision={change.after} />,
    },
    {
      id: 'why',
      header: t('policies.preview.column.why'),
      value: (change) =>
        change.reasons.map((reason) => (reason.ruleId ? `${reason.ruleId}: ${reason.message}` : reason.message)).join(' | '),
      sortable: false,
      width: '45%',
      cell: (change) => (
        <Stack gap={6}>
          {change.reasons.map((reason, index) => {
            const rule = reason.source === 'POLICY' ? ruleById(policy, reason.ruleId) : undefined;
            if (rule) return <RuleWhy key={index} rule={rule} />;
            return (
              <Text key={index} size="xs">
                {reason.ruleId && (
                  <>
                    <Code>{reason.ruleId}</Code>{' '}
                  </>
                )}
                {t('policies.reasonWithSource', {
                  source: reasonSourceLabels[reason.source] ?? reason.source,
                  message: reason.message,
                })}
              </Text>
            );
          })}
        </Stack>
      ),
    },
  ];
  return (
    <Stack>
      <Group>
        <Button onClick={() => void run()} loading={state === 'loading'} disabled={!valid}>
          {t('policies.preview.run')}
        </Button>
        {!valid && <Text size="sm">{t('policies.preview.fixFirst')}</Text>}
      </Group>
      {state instanceof Error && <FormError error={state} title={t('policies.preview.failed')} />}
      {preview && (
        <Stack gap="xs" aria-live="polite">
          <Text size="sm" data-testid="preview-summary">
            {preview.changes.length === 0
              ? t('policies.preview.none', { count: preview.deploymentsChecked })
              : t('policies.preview.some', { changed: preview.changes.length, count: preview.deploymentsChecked })}
          </Text>
          {preview.changes.length > 0 && (
            <DataTable
              id="policy-preview"
              label={t('policies.preview.label')}
              columns={columns}
              rows={preview.changes}
              rowKey={(change) => change.deploymentId}
              minWidth={900}
              empty={<EmptyState title={t('policies.preview.none', { count: preview.deploymentsChecked })} />}
            />
          )}
        </Stack>
      )}
    </Stack>
  );
}

type Pending = { kind: 'discard' } | { kind: 'removeRule'; index: number };

/** A draft: rules as a form (or JSON), checked by the shared schema as you type, previewed, saved, then activated by someone else. */
function DraftEditor({ version }: { version: PolicyVersionFieldsFragment }) {
  const permissions = usePolicyPermissions();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const save = useUpdatePolicyDraft();
  const activate = useActivatePolicyVersion();
  const discard = useDiscardPolicyVersion();
  const initial = useMemo(() => asDraft(version.policy) ?? { countryGroups: {}, rules: [] }, [version.policy]);
  const [draft, setDraft] = useState<PolicyDraft>(initial);
  const [note, setNote] = useState(version.note ?? '');
  const [tab, setTab] = useState<string | null>('rules');
  const [pending, setPending] = useState<Pending | null>(null);
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
  const removing = pending?.kind === 'removeRule' ? draft.rules[pending.index] : undefined;

  const confirmPending = () => {
    if (pending?.kind === 'removeRule') {
      setDraft({ ...draft, rules: draft.rules.filter((_, at) => at !== pending.index) });
    } else if (pending?.kind === 'discard') {
      discard.mutate(
        { id: version.id, expectedVersion: version.version },
        {
          onSuccess: () => {
            showNotice(t('policies.editor.discarded'), t('policies.versions.name', { number: version.number }));
            void navigate({ to: '/policies', search: { tab: 'versions' }, ignoreBlocker: true });
          },
        },
      );
    }
    setPending(null);
  };

  return (
    <Stack>
      <UnsavedChangesGuard when={dirty} />
      <Group justify="space-between" align="flex-end">
        <TextInput
          label={t('policies.editor.note')}
          description={t('policies.editor.noteHint')}
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
                {
                  onSuccess: () =>
                    showNotice(t('policies.editor.saved'), t('policies.versions.name', { number: version.number })),
                },
              )
            }
          >
            {t('policies.editor.save')}
          </Button>
          <Button
            loading={activate.isPending}
            disabled={dirty || drafter || !permissions.canManage}
            title={drafter ? t('policies.editor.fourEyesHint') : undefined}
            onClick={() =>
              activate.mutate(
                { id: version.id, expectedVersion: version.version },
                {
                  onSuccess: () =>
                    showNotice(t('policies.editor.activated'), t('policies.editor.activatedBody', { number: version.number })),
                },
              )
            }
          >
            {t('policies.editor.activate')}
          </Button>
          <Button variant="outline" color="red" loading={discard.isPending} onClick={() => setPending({ kind: 'discard' })}>
            {t('policies.editor.discard')}
          </Button>
        </Group>
      </Group>
      {drafter && (
        <Alert color="blue" title={t('policies.editor.fourEyes')}>
          {t('policies.editor.fourEyesBody')}
        </Alert>
      )}
      {dirty && !drafter && <Text size="sm">{t('policies.editor.saveFirst')}</Text>}
      <FormError
        error={error}
        title={t('policies.nothingChanged')}
        conflictMessage={t('policies.editor.conflict')}
        onReload={() => void queryClient.invalidateQueries({ queryKey: policyQueries.all })}
      />
      {serverIssues.size > 0 && (
        <Alert color="red" title={t('policies.editor.problems', { count: serverIssues.size })} role="alert">
          <List size="sm">
            {[...serverIssues].map(([path, message]) => (
              <List.Item key={path}>{t('policies.editor.problemAt', { place: placeOf(path, draft), message })}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="rules">{t('policies.editor.tab.rules', { count: draft.rules.length })}</Tabs.Tab>
          <Tabs.Tab value="groups">{t('policies.editor.tab.groups')}</Tabs.Tab>
          <Tabs.Tab value="json">{t('policies.editor.tab.json')}</Tabs.Tab>
          <Tabs.Tab value="preview">{t('policies.editor.tab.preview')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="rules" pt="md">
          <Stack>
            {draft.rules.length === 0 && (
              <EmptyState title={t('policies.rules.empty')} description={t('policies.editor.noRulesHint')} />
            )}
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
                onRemove={() => setPending({ kind: 'removeRule', index })}
              />
            ))}
            <Group>
              <Button variant="default" onClick={() => setDraft({ ...draft, rules: [...draft.rules, newRule(draft)] })}>
                {t('policies.editor.addRule')}
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
      <ConfirmDialog
        opened={pending !== null}
        title={
          pending?.kind === 'discard'
            ? t('policies.editor.discardTitle', { number: version.number })
            : t('policies.editor.removeRuleTitle', {
                number: pending?.kind === 'removeRule' ? pending.index + 1 : 0,
                id: removing?.id || t('policies.editor.noId'),
              })
        }
        confirmLabel={pending?.kind === 'discard' ? t('policies.editor.discard') : t('policies.editor.removeRule')}
        onCancel={() => setPending(null)}
        onConfirm={confirmPending}
      >
        {pending?.kind === 'discard' ? t('policies.editor.discardBody') : t('policies.editor.removeRuleBody')}
      </ConfirmDialog>
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
        {t('policies.versions.back')}
      </AnchorLink>
      <Group gap="sm">
        <Title order={1} size="h2">
          {t('policies.versions.title', { number: version.number })}
        </Title>
        <Badge color={versionStatusColors[version.status] ?? 'gray'} variant="light" tt="none">
          {versionStatusLabels[version.status] ?? version.status}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed">
        {t('policies.versions.draftedBy', { person: version.draftedBy?.displayName ?? t('policies.unknownPerson') })}{' '}
        <DateTime value={version.createdAt} format="dateTime" />
        {version.activatedAt && (
          <>
            {t('policies.versions.activatedBy', { person: version.activatedBy?.displayName ?? t('policies.unknownPerson') })}{' '}
            <DateTime value={version.activatedAt} format="dateTime" />
          </>
        )}
        {version.note && <> {t('policies.versions.noteSuffix', { note: version.note })}</>}
      </Text>
      {version.status === 'DRAFT' && permissions.canManage ? (
        <DraftEditor version={version} />
      ) : parsed.success ? (
        <PolicyReadable policy={parsed.data} tableId="policy-version" />
      ) : (
        <Code block>{JSON.stringify(version.policy, null, 2)}</Code>
      )}
    </Stack>
  );
}
