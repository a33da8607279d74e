import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  PasswordInput,
  Skeleton,
  Stack,
  Switch,
  Table,
  TextInput,
  Title,
} from '@mantine/core';
import { Dialog } from '../../../components/dialog';
import { roleLabels } from '@modelgate/domain/auth/roles';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { PeopleQuery, Role } from '../../../gql/graphql';
import { GraphqlRequestError } from '../../../lib/graphql-client';
import { peopleQueries, useCreateTeam, useCreateUser, useUpdateUser } from '../queries';
import { QueryError } from '../../../components/query-error';

type Person = PeopleQuery['users'][number];
type TeamRow = PeopleQuery['teams'][number];

const roleOptions = (Object.keys(roleLabels) as Role[]).map((role) => ({ value: role, label: roleLabels[role] }));

/** Field errors from the server, keyed by field name without the `input.` prefix. */
function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof GraphqlRequestError)) return {};
  return Object.fromEntries(error.fields.map((f) => [f.field.replace(/^input\./, ''), f.reason]));
}

function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <Alert color="red" role="alert">
      {message}
    </Alert>
  );
}

function AddPersonForm({ teams }: { teams: TeamRow[] }) {
  const create = useCreateUser();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [password, setPassword] = useState('');
  const errors = fieldErrors(create.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { email, displayName, roles: roles as Role[], teamIds, password: password || null },
      {
        onSuccess: () => {
          setEmail('');
          setDisplayName('');
          setRoles([]);
          setTeamIds([]);
          setPassword('');
        },
      },
    );
  };

  return (
    <Card withBorder component="form" onSubmit={submit} aria-label="Add a person" noValidate>
      <Stack>
        <Title order={3} size="h4">
          Add a person
        </Title>
        {create.error && !Object.keys(errors).length ? <ErrorAlert error={create.error} /> : null}
        <Group grow align="flex-start">
          <TextInput
            label="E-mail"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
            required
          />
          <TextInput
            label="Name"
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={errors.displayName}
            required
          />
        </Group>
        <Group grow align="flex-start">
          <MultiSelect label="Roles" data={roleOptions} value={roles} onChange={setRoles} error={errors.roles} />
          <MultiSelect
            label="Teams"
            data={teams.map((t) => ({ value: t.id, label: t.name }))}
            value={teamIds}
            onChange={setTeamIds}
            error={errors.teamIds}
          />
        </Group>
        <PasswordInput
          label="Initial password"
          description="At least 12 characters. Leave empty for people who sign in with single sign-on."
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.password}
        />
        <Group>
          <Button type="submit" loading={create.isPending}>
            Add person
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function EditPersonModal({ person, teams, onClose }: { person: Person; teams: TeamRow[]; onClose: () => void }) {
  const update = useUpdateUser();
  const [roles, setRoles] = useState<string[]>(person.roles);
  const [teamIds, setTeamIds] = useState<string[]>(person.teams.map((t) => t.id));
  const [disabled, setDisabled] = useState(person.disabled);
  const errors = fieldErrors(update.error);
  return (
    <Dialog opened onClose={onClose} title={`Edit ${person.displayName}`}>
      <Stack>
        {update.error && !Object.keys(errors).length ? <ErrorAlert error={update.error} /> : null}
        <MultiSelect label="Roles" data={roleOptions} value={roles} onChange={setRoles} error={errors.roles} />
        <MultiSelect
          label="Teams"
          data={teams.map((t) => ({ value: t.id, label: t.name }))}
          value={teamIds}
          onChange={setTeamIds}
          error={errors.teamIds}
        />
        <Switch
          label="Disabled (signs the person out everywhere)"
          checked={disabled}
          onChange={(e) => setDisabled(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            loading={update.isPending}
            onClick={() => update.mutate({ id: person.id, roles: roles as Role[], teamIds, disabled }, { onSuccess: onClose })}
          >
            Save
          </Button>
        </Group>
      </Stack>
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
          setSlug('');
          setName('');
        },
      },
    );
  };
  return (
    <Group component="form" onSubmit={submit} align="flex-end" aria-label="Add a team">
      <TextInput
        label="Team id"
        placeholder="payments-platform"
        value={slug}
        onChange={(e) => setSlug(e.currentTarget.value)}
        error={errors.slug}
      />
      <TextInput label="Team name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
      <Button type="submit" loading={create.isPending}>
        Add team
      </Button>
    </Group>
  );
}

export function PeopleAdmin() {
  const people = useQuery(peopleQueries.list());
  const [editing, setEditing] = useState<Person | null>(null);

  if (people.isPending) return <Skeleton height={240} role="status" aria-label="Loading people" />;
  if (people.isError) {
    return <QueryError title="Could not load people" error={people.error} onRetry={() => void people.refetch()} />;
  }
  const { users, teams } = people.data;
  return (
    <Stack>
      <Title order={2} size="h3">
        People
      </Title>
      <Table striped data-testid="people">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>E-mail</Table.Th>
            <Table.Th>Roles</Table.Th>
            <Table.Th>Teams</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((person) => (
            <Table.Tr key={person.id}>
              <Table.Td>{person.displayName}</Table.Td>
              <Table.Td>{person.email}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {person.roles.map((role) => (
                    <Badge key={role} variant="light">
                      {roleLabels[role]}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>{person.teams.map((t) => t.name).join(', ') || '—'}</Table.Td>
              <Table.Td>
                {person.disabled
                  ? 'Disabled'
                  : person.lockedUntil && new Date(person.lockedUntil) > new Date()
                    ? 'Locked'
                    : 'Active'}
              </Table.Td>
              <Table.Td>
                <Button size="compact-xs" variant="subtle" onClick={() => setEditing(person)} aria-label={`Edit ${person.email}`}>
                  Edit
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <AddPersonForm teams={teams} />
      <Title order={2} size="h3">
        Teams
      </Title>
      <Table striped data-testid="teams">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Team</Table.Th>
            <Table.Th>Id</Table.Th>
            <Table.Th>Members</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {teams.map((team) => (
            <Table.Tr key={team.id}>
              <Table.Td>{team.name}</Table.Td>
              <Table.Td>{team.slug}</Table.Td>
              <Table.Td>{team.memberCount}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <AddTeamForm />
      {editing && <EditPersonModal person={editing} teams={teams} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
