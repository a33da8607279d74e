import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  PasswordInput,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import { useSortInUrl } from '../../../components/data-table/use-sort-in-url';
import { DateTime } from '../../../components/date-time';
import { Dialog } from '../../../components/dialog';
import { showNotice } from '../../../components/notices';
import { EmptyState, ErrorState, LoadingState } from '../../../components/page-states';
import { AnchorLink } from '../../../components/router-links';
import { UnsavedChangesGuard } from '../../../components/unsaved-changes-guard';
import type { PeopleQuery, Role } from '../../../gql/graphql';
import { formatNumber } from '../../../i18n/format';
import { GraphqlRequestError } from '../../../lib/graphql-client';
import { REVIEW_CATEGORIES } from '@modelgate/domain/approvals';
import { categoryLabel } from '../../approvals/labels';
import { RichMessage } from '../../system/rich-message';
import { t } from '../messages';
import { peopleQueries, useCreateTeam, useCreateUser, useUpdateUser } from '../queries';
import { FactsTable, type Fact } from '../../../components/facts-table';

type Person = PeopleQuery['users'][number];
type TeamRow = PeopleQuery['teams'][number];

const ROLES: readonly Role[] = ['ADMIN', 'COMPLIANCE_OFFICER', 'REVIEWER', 'ENGINEER', 'AUDITOR'];
const roleLabel = (role: Role): string => t(`people.role.${role}`);
const roleDescription = (role: Role): string => t(`people.role.${role}.description`);
const roleOptions = () => ROLES.map((role) => ({ value: role, label: roleLabel(role) }));
const teamOptions = (teams: readonly TeamRow[]) => teams.map((team) => ({ value: team.id, label: team.name }));

/**
 * The reviews a person signs. The usual categories are offered; a policy may require others, typed as a word
 * (the server checks the form).
 */
function ReviewCategoriesInput({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
}) {
  return (
    <TagsInput
      label={t('people.reviewCategories')}
      description={t('people.reviewCategoriesDescription')}
      data={REVIEW_CATEGORIES.map((category) => ({ value: category, label: categoryLabel(category) }))}
      value={value}
      onChange={(next) => onChange(next.map((category) => category.trim().toLowerCase()))}
      error={error}
      clearable
    />
  );
}

/** An example of a team id (an identifier, not words to translate). */
const TEAM_ID_EXAMPLE = 'payments-platform';

/** Field errors from the server, keyed by field name without the `input.` prefix. */
function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof GraphqlRequestError)) return {};
  return Object.fromEntries(error.fields.map((f) => [f.field.replace(/^input\./, ''), f.reason]));
}

function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : t('people.failed');
  return (
    <Alert color="red" role="alert">
      {message}
    </Alert>
  );
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item) => b.includes(item));

type PersonStatus = 'active' | 'disabled' | 'locked';

function statusOf(person: Person, now: number): PersonStatus {
  if (person.disabled) return 'disabled';
  if (person.lockedUntil && new Date(person.lockedUntil).getTime() > now) return 'locked';
  return 'active';
}

const STATUS_COLORS: Record<PersonStatus, string> = { active: 'teal', disabled: 'gray', locked: 'orange' };

function StatusCell({ person, now }: { person: Person; now: number }) {
  const status = statusOf(person, now);
  return (
    <Stack gap={2}>
      <Badge color={STATUS_COLORS[status]} variant="light" miw="max-content">
        {t(`people.status.${status}`)}
      </Badge>
      {status === 'disabled' && (
        <Text size="xs" c="dimmed">
          {t('people.status.disabledWhy')}
        </Text>
      )}
      {status === 'locked' && person.lockedUntil && (
        <Text size="xs" c="dimmed">
          <RichMessage text={t('people.status.lockedUntil')} values={{ when: <DateTime value={person.lockedUntil} /> }} />
        </Text>
      )}
    </Stack>
  );
}

function RolesCell({ person }: { person: Person }) {
  if (person.roles.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        {t('people.noRoles')}
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      <Group gap={4}>
        {person.roles.map((role) => (
          <Tooltip key={role} label={roleDescription(role)} multiline w={260} withinPortal>
            <Badge variant="light" tabIndex={0}>
              {roleLabel(role)}
            </Badge>
          </Tooltip>
        ))}
      </Group>
      {person.reviewCategories.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('people.reviewsIn', { categories: person.reviewCategories.map(categoryLabel).join(', ') })}
        </Text>
      )}
    </Stack>
  );
}

/** Built when rendered, so the headers follow the language in use. */
function peopleColumns(now: number, onEdit: (person: Person) => void): readonly DataColumn<Person>[] {
  return [
    {
      id: 'name',
      header: t('people.column.name'),
      hideable: false,
      value: (person) => person.displayName,
      cell: (person) => (
        <AnchorLink to="/admin/people/$userId" params={{ userId: person.id }} size="sm">
          {person.displayName}
        </AnchorLink>
      ),
    },
    { id: 'email', header: t('people.column.email'), value: (person) => person.email },
    {
      id: 'roles',
      header: t('people.column.roles'),
      value: (person) => person.roles.map(roleLabel).join(', '),
      cell: (person) => <RolesCell person={person} />,
    },
    {
      id: 'reviews',
      header: t('people.column.reviews'),
      defaultHidden: true,
      value: (person) => person.reviewCategories.map(categoryLabel).join(', '),
    },
    {
      id: 'teams',
      header: t('people.column.teams'),
      value: (person) => person.teams.map((team) => team.name).join(', '),
    },
    {
      id: 'status',
      header: t('people.column.status'),
      value: (person) => t(`people.status.${statusOf(person, now)}`),
      cell: (person) => <StatusCell person={person} now={now} />,
    },
    {
      id: 'signIn',
      header: t('people.column.signIn'),
      defaultHidden: true,
      value: (person) => (person.singleSignOn ? t('people.signIn.sso') : t('people.signIn.password')),
    },
    {
      id: 'lastSignIn',
      header: t('people.column.lastSignIn'),
      value: (person) => (person.lastSignInAt ? new Date(person.lastSignInAt) : null),
      cell: (person) => <DateTime value={person.lastSignInAt} format="relative" fallback={t('people.lastSignIn.never')} />,
    },
    {
      id: 'actions',
      header: t('people.column.actions'),
      sortable: false,
      value: () => null,
      exported: false,
      cell: (person) => (
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => onEdit(person)}
          aria-label={t('people.editLabel', { email: person.email })}
        >
          {t('people.edit')}
        </Button>
      ),
    },
  ];
}

const teamColumns = (): readonly DataColumn<TeamRow>[] => [
  {
    id: 'name',
    header: t('people.teams.column.name'),
    hideable: false,
    value: (team) => team.name,
    cell: (team) => (
      <AnchorLink to="/admin/teams/$teamId" params={{ teamId: team.id }} size="sm">
        {team.name}
      </AnchorLink>
    ),
  },
  { id: 'slug', header: t('people.teams.column.slug'), value: (team) => team.slug },
  {
    id: 'members',
    header: t('people.teams.column.members'),
    align: 'right',
    value: (team) => team.memberCount,
    cell: (team) => formatNumber(team.memberCount),
  },
];

function AddPersonForm({ teams }: { teams: TeamRow[] }) {
  const create = useCreateUser();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [reviewCategories, setReviewCategories] = useState<string[]>([]);
  const [password, setPassword] = useState('');
  const errors = fieldErrors(create.error);
  const dirty =
    email !== '' ||
    displayName !== '' ||
    roles.length > 0 ||
    teamIds.length > 0 ||
    reviewCategories.length > 0 ||
    password !== '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { email, displayName, roles: roles as Role[], teamIds, reviewCategories, password: password || null },
      {
        onSuccess: () => {
          showNotice(t('people.add.done'), t('people.add.doneMessage', { name: displayName, email }));
          setEmail('');
          setDisplayName('');
          setRoles([]);
          setTeamIds([]);
          setReviewCategories([]);
          setPassword('');
        },
      },
    );
  };

  return (
    <Card withBorder component="form" onSubmit={submit} aria-label={t('people.add.title')} noValidate>
      <UnsavedChangesGuard when={dirty} />
      <Stack>
        <Title order={3} size="h4">
          {t('people.add.title')}
        </Title>
        {create.error && !Object.keys(errors).length ? <ErrorAlert error={create.error} /> : null}
        <Group grow align="flex-start">
          <TextInput
            label={t('people.add.email')}
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
            required
          />
          <TextInput
            label={t('people.add.name')}
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={errors.displayName}
            required
          />
        </Group>
        <Group grow align="flex-start">
          <MultiSelect
            label={t('people.add.roles')}
            data={roleOptions()}
            value={roles}
            onChange={setRoles}
            error={errors.roles}
          />
          <MultiSelect
            label={t('people.add.teams')}
            data={teamOptions(teams)}
            value={teamIds}
            onChange={setTeamIds}
            error={errors.teamIds}
          />
        </Group>
        {roles.includes('REVIEWER') && (
          <ReviewCategoriesInput value={reviewCategories} onChange={setReviewCategories} error={errors.reviewCategories} />
        )}
        <PasswordInput
          label={t('people.add.password')}
          description={t('people.add.passwordDescription')}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.password}
        />
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('people.add.submit')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** What the dialog shows: the form, or a question before something that cannot be taken back silently. */
type EditStep = 'form' | 'confirmDiscard' | 'confirmDisable';

function EditPersonModal({ person, teams, onClose }: { person: Person; teams: TeamRow[]; onClose: () => void }) {
  const update = useUpdateUser();
  const [roles, setRoles] = useState<string[]>(person.roles);
  const [teamIds, setTeamIds] = useState<string[]>(person.teams.map((team) => team.id));
  const [reviewCategories, setReviewCategories] = useState<string[]>(person.reviewCategories);
  const [disabled, setDisabled] = useState(person.disabled);
  const [step, setStep] = useState<EditStep>('form');
  const errors = fieldErrors(update.error);
  const dirty =
    !sameSet(roles, person.roles) ||
    !sameSet(
      teamIds,
      person.teams.map((team) => team.id),
    ) ||
    !sameSet(reviewCategories, person.reviewCategories) ||
    disabled !== person.disabled;
  const name = person.displayName;

  const requestClose = () => {
    if (update.isPending) return;
    if (dirty && step === 'form') setStep('confirmDiscard');
    else onClose();
  };
  const save = () => {
    // Disabling signs the person out everywhere: asked once more, in words, before it happens.
    if (disabled && !person.disabled && step !== 'confirmDisable') {
      setStep('confirmDisable');
      return;
    }
    update.mutate(
      { id: person.id, roles: roles as Role[], teamIds, reviewCategories, disabled },
      {
        onSuccess: () => {
          showNotice(t('people.editDialog.saved'), t('people.editDialog.savedMessage', { name }));
          onClose();
        },
        onError: () => setStep('form'),
      },
    );
  };

  return (
    <Dialog opened onClose={requestClose} title={t('people.editDialog.title', { name })}>
      {step === 'confirmDiscard' ? (
        <Stack>
          <Text fw={500}>{t('people.editDialog.discardTitle')}</Text>
          <Text size="sm">{t('people.editDialog.discardBody', { name })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setStep('form')} autoFocus>
              {t('people.editDialog.keepEditing')}
            </Button>
            <Button color="red" onClick={onClose}>
              {t('people.editDialog.discard')}
            </Button>
          </Group>
        </Stack>
      ) : step === 'confirmDisable' ? (
        <Stack>
          <Text fw={500}>{t('people.editDialog.disableTitle', { name })}</Text>
          <Text size="sm">{t('people.editDialog.disableBody', { name })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setStep('form')} autoFocus>
              {t('people.editDialog.back')}
            </Button>
            <Button color="red" loading={update.isPending} onClick={save}>
              {t('people.editDialog.disableConfirm')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          {update.error && !Object.keys(errors).length ? <ErrorAlert error={update.error} /> : null}
          <MultiSelect
            label={t('people.editDialog.roles')}
            data={roleOptions()}
            value={roles}
            onChange={setRoles}
            error={errors.roles}
          />
          <MultiSelect
            label={t('people.editDialog.teams')}
            data={teamOptions(teams)}
            value={teamIds}
            onChange={setTeamIds}
            error={errors.teamIds}
          />
          {(roles.includes('REVIEWER') || person.reviewCategories.length > 0) && (
            <ReviewCategoriesInput value={reviewCategories} onChange={setReviewCategories} error={errors.reviewCategories} />
          )}
          <Switch
            label={t('people.editDialog.disabled')}
            checked={disabled}
            onChange={(e) => setDisabled(e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={requestClose}>
              {t('people.editDialog.cancel')}
            </Button>
            <Button loading={update.isPending} onClick={save}>
              {t('people.editDialog.save')}
            </Button>
          </Group>
        </Stack>
      )}
    </Dialog>
  );
}

function AddTeamForm() {
  const create = useCreateTeam();
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const errors = fieldErrors(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { slug, name },
      {
        onSuccess: () => {
          showNotice(t('people.teams.add.done'), t('people.teams.add.doneMessage', { name, slug }));
          setSlug('');
          setName('');
        },
      },
    );
  };
  return (
    <Stack gap="xs">
      {create.error && !Object.keys(errors).length ? <ErrorAlert error={create.error} /> : null}
      <Group component="form" onSubmit={submit} align="flex-end" aria-label={t('people.teams.add.title')}>
        <UnsavedChangesGuard when={slug !== '' || name !== ''} />
        <TextInput
          label={t('people.teams.add.slug')}
          placeholder={TEAM_ID_EXAMPLE}
          value={slug}
          onChange={(e) => setSlug(e.currentTarget.value)}
          error={errors.slug}
        />
        <TextInput
          label={t('people.teams.add.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
        />
        <Button type="submit" loading={create.isPending}>
          {t('people.teams.add.submit')}
        </Button>
      </Group>
    </Stack>
  );
}

export function PeopleAdmin() {
  const teamsSortInUrl = useSortInUrl('teamsSort');
  const peopleSortInUrl = useSortInUrl('peopleSort');
  const people = useQuery(peopleQueries.list());
  const [editing, setEditing] = useState<Person | null>(null);
  // Whether a lock has run out is judged against the time the page was opened.
  const [now] = useState(() => Date.now());

  if (people.isPending) return <LoadingState what={t('people.loading')} />;
  if (people.isError) {
    return <ErrorState title={t('people.error')} error={people.error} onRetry={() => void people.refetch()} />;
  }
  const { users, teams } = people.data;
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('people.title')}
      </Title>
      <DataTable
        id="people"
        {...peopleSortInUrl}
        label={t('people.label')}
        columns={peopleColumns(now, setEditing)}
        rows={users}
        rowKey={(person) => person.id}
        minWidth={900}
        empty={<EmptyState title={t('people.empty')} description={t('people.emptyDescription')} />}
      />
      <AddPersonForm teams={teams} />
      <Title order={2} size="h3">
        {t('people.teams.title')}
      </Title>
      <DataTable
        id="teams"
        {...teamsSortInUrl}
        label={t('people.teams.label')}
        columns={teamColumns()}
        rows={teams}
        rowKey={(team) => team.id}
        minWidth={500}
        empty={<EmptyState title={t('people.teams.empty')} description={t('people.teams.emptyDescription')} />}
      />
      <AddTeamForm />
      {editing && <EditPersonModal person={editing} teams={teams} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

type PeopleRecordRead<T> =
  { found: { record: T; people: PeopleQuery }; state?: undefined } | { found?: undefined; state: ReactNode };

/**
 * The people list, read for a page about one record in it (a person, a team): the record, or the page's loading,
 * error or not-found state in its place.
 */
function usePeopleRecord<T>(
  find: (people: PeopleQuery) => T | undefined,
  texts: { loading: string; notFound: string },
): PeopleRecordRead<T> {
  const people = useQuery(peopleQueries.list());
  if (people.isPending) return { state: <LoadingState what={texts.loading} rows={8} /> };
  if (people.isError) {
    return { state: <ErrorState title={t('people.error')} error={people.error} onRetry={() => void people.refetch()} /> };
  }
  const record = find(people.data);
  if (record === undefined) {
    return {
      state: (
        <EmptyState
          title={texts.notFound}
          action={
            <AnchorLink to="/admin" size="sm">
              {t('people.person.back')}
            </AnchorLink>
          }
        />
      ),
    };
  }
  return { found: { record, people: people.data } };
}

/**
 * One person: who they are, what they may do (roles, review categories, teams), whether they can sign in, and a
 * link to everything they did in the audit trail; Edit opens the same dialog as the list.
 */
export function PersonDetail({ userId }: { userId: string }) {
  const [editing, setEditing] = useState(false);
  const [now] = useState(() => Date.now());
  const read = usePeopleRecord((people) => people.users.find((candidate) => candidate.id === userId), {
    loading: t('people.person.loading'),
    notFound: t('people.person.notFound'),
  });
  if (!read.found) return read.state;
  const { record: person, people } = read.found;
  const facts: Fact[] = [
    [t('people.column.email'), person.email],
    [t('people.column.roles'), <RolesCell key="roles" person={person} />],
    [
      t('people.reviewCategories'),
      person.reviewCategories.length ? person.reviewCategories.map(categoryLabel).join(', ') : t('people.person.none'),
    ],
    [t('people.column.teams'), person.teams.map((team) => team.name).join(', ') || t('people.person.none')],
    [t('people.column.status'), <StatusCell key="status" person={person} now={now} />],
    [t('people.column.signIn'), person.singleSignOn ? t('people.signIn.sso') : t('people.signIn.password')],
    [
      t('people.column.lastSignIn'),
      <DateTime key="lastSignIn" value={person.lastSignInAt} format="dateTime" fallback={t('people.lastSignIn.never')} />,
    ],
    [t('people.person.added'), <DateTime key="added" value={person.createdAt} format="dateTime" />],
  ];
  return (
    <Stack gap="lg">
      <AnchorLink to="/admin" size="sm">
        {t('people.person.back')}
      </AnchorLink>
      <Group justify="space-between" align="flex-start">
        <Title order={1} size="h2">
          {person.displayName}
        </Title>
        <Group gap="xs">
          <AnchorLink to="/audit" search={{ actorId: person.id }} size="sm">
            {t('people.person.activity')}
          </AnchorLink>
          <Button variant="default" onClick={() => setEditing(true)}>
            {t('people.edit')}
          </Button>
        </Group>
      </Group>
      <FactsTable label={t('people.person.facts', { name: person.displayName })} facts={facts} />
      {editing && <EditPersonModal person={person} teams={people.teams} onClose={() => setEditing(false)} />}
    </Stack>
  );
}

/**
 * One team: its id and members (each linking to their page), with a link to the team's deployments in the
 * inventory.
 */
export function TeamDetail({ teamId }: { teamId: string }) {
  // Whether a lock has run out is judged against the time the page was opened.
  const [now] = useState(() => Date.now());
  const read = usePeopleRecord((people) => people.teams.find((candidate) => candidate.id === teamId), {
    loading: t('people.team.loading'),
    notFound: t('people.team.notFound'),
  });
  if (!read.found) return read.state;
  const { record: team, people } = read.found;
  const members = people.users.filter((person) => person.teams.some((membership) => membership.id === teamId));
  const facts: Fact[] = [
    [t('people.teams.column.slug'), team.slug],
    [t('people.teams.column.members'), formatNumber(team.memberCount)],
  ];
  return (
    <Stack gap="lg">
      <AnchorLink to="/admin" size="sm">
        {t('people.person.back')}
      </AnchorLink>
      <Group justify="space-between" align="flex-start">
        <Title order={1} size="h2">
          {team.name}
        </Title>
        <AnchorLink to="/inventory/deployments" search={{ teamIds: [team.id] }} size="sm">
          {t('people.team.deployments')}
        </AnchorLink>
      </Group>
      <FactsTable label={t('people.team.facts', { name: team.name })} facts={facts} />
      <DataTable
        id="team-members"
        label={t('people.team.members', { name: team.name })}
        columns={peopleColumns(now, () => undefined).filter((column) => column.id !== 'actions')}
        rows={members}
        rowKey={(person) => person.id}
        minWidth={800}
        empty={<EmptyState title={t('people.team.noMembers')} />}
      />
    </Stack>
  );
}
