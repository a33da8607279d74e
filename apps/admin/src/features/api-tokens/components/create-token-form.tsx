import { Alert, Button, Checkbox, Group, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import {
  API_TOKEN_EXPIRY_DEFAULT_DAYS,
  API_TOKEN_EXPIRY_MAX_DAYS,
  createApiTokenSchema,
} from '@modelgate/domain/auth/api-tokens';
import { useState, type FormEvent } from 'react';
import { DateTime } from '../../../components/date-time';
import { UnsavedChangesGuard } from '../../../components/unsaved-changes-guard';
import { GraphqlRequestError } from '../../../lib/graphql-client';
import { RichMessage } from '../../system/rich-message';
import { useCreateApiToken } from '../hooks';
import { t } from '../messages';
import { scopeDescription, scopeNames } from '../scopes';
import { translateDomainText } from '../../../i18n/domain-text';

type Team = { id: string; name: string };
type FieldErrors = Partial<Record<'name' | 'scopes' | 'expiresInDays' | 'teamId', string>>;

const DAY_MS = 86_400_000;

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
  const [openedAt] = useState(() => Date.now());
  const create = useCreateApiToken();
  const dirty = name !== '' || scopes.length > 0 || expiresInDays !== API_TOKEN_EXPIRY_DEFAULT_DAYS || teamId !== null;
  const expiresOn =
    typeof expiresInDays === 'number' && expiresInDays >= 1 && expiresInDays <= API_TOKEN_EXPIRY_MAX_DAYS
      ? new Date(openedAt + expiresInDays * DAY_MS).toISOString()
      : null;

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
        next[field] ??= translateDomainText(issue.message);
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
    <form onSubmit={submit} aria-label={t('apiTokens.create.label')} noValidate>
      <UnsavedChangesGuard when={dirty} />
      <Stack maw={640}>
        <TextInput
          label={t('apiTokens.create.name')}
          description={t('apiTokens.create.nameDescription')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          required
        />
        <Checkbox.Group label={t('apiTokens.create.scopes')} value={scopes} onChange={setScopes} error={errors.scopes} required>
          <Stack gap={6} mt="xs">
            {scopeNames.map((scope) => (
              <Checkbox key={scope} value={scope} label={scope} description={scopeDescription(scope)} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group align="flex-start" grow>
          <NumberInput
            label={t('apiTokens.create.expiresInDays')}
            description={
              expiresOn && (
                <RichMessage
                  text={t('apiTokens.create.expiresOn')}
                  values={{ day: <DateTime value={expiresOn} format="day" /> }}
                />
              )
            }
            min={1}
            max={API_TOKEN_EXPIRY_MAX_DAYS}
            value={expiresInDays}
            onChange={setExpiresInDays}
            error={errors.expiresInDays}
          />
          <Select
            label={t('apiTokens.create.boundTo')}
            description={t('apiTokens.create.boundToDescription')}
            data={[
              { value: '', label: t('apiTokens.create.me') },
              ...teams.map((team) => ({ value: team.id, label: t('apiTokens.create.team', { team: team.name }) })),
            ]}
            value={teamId ?? ''}
            onChange={(value) => setTeamId(value || null)}
            error={errors.teamId}
            allowDeselect={false}
          />
        </Group>
        {create.error && !(create.error instanceof GraphqlRequestError && create.error.fields.length > 0) && (
          <Alert color="red" role="alert" title={t('apiTokens.create.failed')}>
            {create.error.message}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('apiTokens.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
