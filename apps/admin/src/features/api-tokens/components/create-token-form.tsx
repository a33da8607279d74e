import { Alert, Button, Checkbox, Group, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import {
  API_TOKEN_EXPIRY_DEFAULT_DAYS,
  API_TOKEN_EXPIRY_MAX_DAYS,
  apiTokenScopes,
  createApiTokenSchema,
} from '@modelgate/domain/auth/api-tokens';
import { useState, type FormEvent } from 'react';
import { GraphqlRequestError } from '../../../lib/graphql-client';
import { useCreateApiToken } from '../hooks';

type Team = { id: string; name: string };
type FieldErrors = Partial<Record<'name' | 'scopes' | 'expiresInDays' | 'teamId', string>>;

/** Validates with the same zod schema as the API, then shows the new secret through `onCreated`. */
export function CreateTokenForm({
  teams,
  onCreated,
}: {
  teams: readonly Team[];
  onCreated: (secret: string, name: string) => void;
}) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [expiresInDays, setExpiresInDays] = useState<number | string>(API_TOKEN_EXPIRY_DEFAULT_DAYS);
  const [teamId, setTeamId] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useCreateApiToken();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = createApiTokenSchema.safeParse({
      name,
      scopes,
      expiresInDays: typeof expiresInDays === 'number' ? expiresInDays : Number.NaN,
      teamId,
    });
    if (!parsed.success) {
      const next: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]) as keyof FieldErrors;
        next[field] ??= issue.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: ({ createApiToken }) => {
        onCreated(createApiToken.secret, createApiToken.token.name);
        setName('');
        setScopes([]);
        setExpiresInDays(API_TOKEN_EXPIRY_DEFAULT_DAYS);
        setTeamId(null);
      },
      onError: (error) => {
        if (error instanceof GraphqlRequestError && error.fields.length > 0) {
          const next: FieldErrors = {};
          for (const f of error.fields) next[f.field.replace(/^input\./, '').split('.')[0] as keyof FieldErrors] ??= f.reason;
          setErrors(next);
        }
      },
    });
  };

  return (
    <form onSubmit={submit} aria-label="Create an API token" noValidate>
      <Stack maw={640}>
        <TextInput
          label="Name"
          description="What uses it, e.g. “deploy pipeline”."
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          required
        />
        <Checkbox.Group label="Scopes" value={scopes} onChange={setScopes} error={errors.scopes} required>
          <Stack gap={6} mt="xs">
            {apiTokenScopes.map((scope) => (
              <Checkbox key={scope.scope} value={scope.scope} label={scope.scope} description={scope.description} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group align="flex-start" grow>
          <NumberInput
            label="Expires in (days)"
            min={1}
            max={API_TOKEN_EXPIRY_MAX_DAYS}
            value={expiresInDays}
            onChange={setExpiresInDays}
            error={errors.expiresInDays}
          />
          <Select
            label="Bound to"
            description="Yourself, or one of your teams."
            data={[{ value: '', label: 'Me' }, ...teams.map((team) => ({ value: team.id, label: `Team ${team.name}` }))]}
            value={teamId ?? ''}
            onChange={(value) => setTeamId(value || null)}
            error={errors.teamId}
            allowDeselect={false}
          />
        </Group>
        {create.error && !(create.error instanceof GraphqlRequestError && create.error.fields.length > 0) && (
          <Alert color="red" role="alert" title="The token was not created">
            {create.error.message}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={create.isPending}>
            Create token
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
