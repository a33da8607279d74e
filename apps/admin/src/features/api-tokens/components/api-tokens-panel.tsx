import { Alert, Badge, Button, Code, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import { useSortInUrl } from '../../../components/data-table/use-sort-in-url';
import { DateTime } from '../../../components/date-time';
import { Dialog } from '../../../components/dialog';
import { showNotice } from '../../../components/notices';
import { EmptyState } from '../../../components/page-states';
import type { ApiTokensQuery } from '../../../gql/graphql';
import { RichMessage } from '../../system/rich-message';
import { useRevokeApiToken } from '../hooks';
import { t } from '../messages';
import { apiTokenQueries } from '../queries';
import { scopeDescription } from '../scopes';
import { CreateTokenForm } from './create-token-form';
import { SecretDialog } from './secret-dialog';

type Token = ApiTokensQuery['apiTokens'][number];
type TokenStatus = 'active' | 'expired' | 'revoked';

const STATUS_COLORS: Record<TokenStatus, string> = { active: 'teal', expired: 'orange', revoked: 'gray' };

function statusOf(token: Token, now: number): TokenStatus {
  if (token.revokedAt) return 'revoked';
  return new Date(token.expiresAt).getTime() <= now ? 'expired' : 'active';
}

const shownPrefix = (token: Token) => `${token.prefix}…`;
const boundTo = (token: Token) => (token.teamId ? t('apiTokens.boundToTeam', { team: token.boundTo }) : token.boundTo);

function RevokeButton({ token }: { token: Token }) {
  const [confirming, setConfirming] = useState(false);
  const revoke = useRevokeApiToken();
  const confirm = async () => {
    try {
      // The list refreshes before this resolves and the row no longer offers a revoke: this component may be gone.
      await revoke.mutateAsync(token.id);
    } catch {
      return; // Shown in the dialog from `revoke.error`.
    }
    showNotice(t('apiTokens.revoke.done'), t('apiTokens.revoke.doneMessage', { name: token.name }));
    setConfirming(false);
  };
  return (
    <>
      <Button
        size="xs"
        color="red"
        variant="light"
        onClick={() => setConfirming(true)}
        aria-label={t('apiTokens.revoke.buttonLabel', { name: token.name })}
      >
        {t('apiTokens.revoke.button')}
      </Button>
      {confirming && (
        <Dialog opened onClose={() => setConfirming(false)} title={t('apiTokens.revoke.title', { name: token.name })}>
          <Stack>
            <Text>
              <RichMessage text={t('apiTokens.revoke.body')} values={{ prefix: <Code>{shownPrefix(token)}</Code> }} />
            </Text>
            {revoke.error && (
              <Alert color="red" role="alert">
                {revoke.error.message}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
                {t('apiTokens.revoke.cancel')}
              </Button>
              <Button color="red" loading={revoke.isPending} onClick={() => void confirm()}>
                {t('apiTokens.revoke.confirm')}
              </Button>
            </Group>
          </Stack>
        </Dialog>
      )}
    </>
  );
}

function StatusCell({ token, status, canRevoke }: { token: Token; status: TokenStatus; canRevoke: boolean }) {
  return (
    <Stack gap={4} align="flex-start">
      <Group gap={6}>
        <Badge color={STATUS_COLORS[status]} variant="light" miw="max-content">
          {status === 'revoked' && token.revokedAt ? (
            <RichMessage
              text={t('apiTokens.status.revokedOn')}
              values={{ when: <DateTime value={token.revokedAt} format="day" /> }}
            />
          ) : (
            t(`apiTokens.status.${status}`)
          )}
        </Badge>
        {status === 'active' && canRevoke && <RevokeButton token={token} />}
      </Group>
      {status !== 'active' && (
        <Text size="xs" c="dimmed">
          {status === 'expired' ? t('apiTokens.status.expiredWhy') : t('apiTokens.status.revokedWhy')}
        </Text>
      )}
    </Stack>
  );
}

function ExpiryCell({ token, now }: { token: Token; now: number }) {
  const past = new Date(token.expiresAt).getTime() <= now;
  return (
    <Stack gap={0}>
      <Text size="sm">
        <DateTime value={token.expiresAt} format="day" />
      </Text>
      <Text size="xs" c={past ? 'orange.8' : 'dimmed'}>
        <RichMessage
          text={past ? t('apiTokens.expiredAgo') : t('apiTokens.expiresIn')}
          values={{ relative: <DateTime value={token.expiresAt} format="relative" /> }}
        />
      </Text>
    </Stack>
  );
}

/** Built when rendered, so the headers follow the language in use. */
function tokenColumns(now: number, canRevoke: boolean): readonly DataColumn<Token>[] {
  return [
    { id: 'name', header: t('apiTokens.column.name'), hideable: false, value: (token) => token.name },
    {
      id: 'prefix',
      header: t('apiTokens.column.prefix'),
      value: shownPrefix,
      cell: (token) => <Code>{shownPrefix(token)}</Code>,
    },
    {
      id: 'scopes',
      header: t('apiTokens.column.scopes'),
      sortable: false,
      value: (token) => token.scopes.join(', '),
      cell: (token) => (
        <Group gap={4}>
          {token.scopes.map((scope) => (
            <Tooltip key={scope} label={scopeDescription(scope)} multiline w={280} withinPortal>
              <Badge variant="light" size="sm" tt="none" tabIndex={0}>
                {scope}
              </Badge>
            </Tooltip>
          ))}
        </Group>
      ),
    },
    { id: 'boundTo', header: t('apiTokens.column.boundTo'), value: boundTo },
    {
      id: 'created',
      header: t('apiTokens.column.created'),
      defaultHidden: true,
      value: (token) => new Date(token.createdAt),
      cell: (token) => <DateTime value={token.createdAt} />,
    },
    {
      id: 'expires',
      header: t('apiTokens.column.expires'),
      value: (token) => new Date(token.expiresAt),
      cell: (token) => <ExpiryCell token={token} now={now} />,
    },
    {
      id: 'lastUsed',
      header: t('apiTokens.column.lastUsed'),
      value: (token) => (token.lastUsedAt ? new Date(token.lastUsedAt) : null),
      cell: (token) => <DateTime value={token.lastUsedAt} fallback={t('apiTokens.lastUsed.never')} />,
    },
    {
      id: 'status',
      header: t('apiTokens.column.status'),
      value: (token) => t(`apiTokens.status.${statusOf(token, now)}`),
      cell: (token) => <StatusCell token={token} status={statusOf(token, now)} canRevoke={canRevoke} />,
    },
  ];
}

/** The viewer's tokens (admins and auditors: all), a create form, and the one-time secret. */
export function ApiTokensPanel({ teams, canCreate }: { teams: readonly { id: string; name: string }[]; canCreate: boolean }) {
  const sortInUrl = useSortInUrl();
  const tokens = useQuery(apiTokenQueries.list());
  const [created, setCreated] = useState<{ secret: string; name: string } | null>(null);
  const [now] = useState(() => Date.now());

  return (
    <Stack gap="xl">
      <DataTable
        id="api-tokens"
        {...sortInUrl}
        label={t('apiTokens.list.label')}
        columns={tokenColumns(now, canCreate)}
        rows={tokens.data?.apiTokens ?? []}
        rowKey={(token) => token.id}
        rowTestId="api-token-row"
        isLoading={tokens.isPending}
        error={tokens.error}
        errorTitle={t('apiTokens.list.error')}
        onRetry={() => void tokens.refetch()}
        minWidth={1000}
        empty={
          <EmptyState
            title={t('apiTokens.list.empty')}
            description={canCreate ? t('apiTokens.list.emptyDescription') : t('apiTokens.list.emptyReadOnly')}
          />
        }
      />
      {canCreate && (
        <Stack>
          <Title order={2} size="h3">
            {t('apiTokens.create.title')}
          </Title>
          <CreateTokenForm teams={teams} onCreated={(secret, name) => setCreated({ secret, name })} />
        </Stack>
      )}
      <SecretDialog secret={created?.secret ?? null} name={created?.name ?? ''} onClose={() => setCreated(null)} />
    </Stack>
  );
}
