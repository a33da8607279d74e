import { Alert, Badge, Button, Code, Group, Modal, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ApiTokensQuery } from '../../../gql/graphql';
import { useRevokeApiToken } from '../hooks';
import { apiTokenQueries } from '../queries';
import { CreateTokenForm } from './create-token-form';
import { SecretDialog } from './secret-dialog';
import { QueryError } from '../../../components/query-error';

type Token = ApiTokensQuery['apiTokens'][number];

const day = (value: string | null | undefined) => (value ? new Date(value).toISOString().slice(0, 10) : '—');
const minute = (value: string | null | undefined) =>
  value ? new Date(value).toISOString().slice(0, 16).replace('T', ' ') : 'never';

function RevokeButton({ token }: { token: Token }) {
  const [confirming, setConfirming] = useState(false);
  const revoke = useRevokeApiToken();
  return (
    <>
      <Button size="xs" color="red" variant="light" onClick={() => setConfirming(true)}>
        Revoke
      </Button>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={`Revoke “${token.name}”?`}>
        <Stack>
          <Text>
            Requests with <Code>{token.prefix}…</Code> are refused from now on. This cannot be undone.
          </Text>
          {revoke.error && (
            <Alert color="red" role="alert">
              {revoke.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={revoke.isPending}
              onClick={() => revoke.mutate(token.id, { onSuccess: () => setConfirming(false) })}
            >
              Revoke token
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function TokenRow({ token, canRevoke, now }: { token: Token; canRevoke: boolean; now: number }) {
  const expired = new Date(token.expiresAt).getTime() <= now;
  return (
    <Table.Tr data-testid="api-token-row">
      <Table.Td>{token.name}</Table.Td>
      <Table.Td>
        <Code>{token.prefix}…</Code>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {token.scopes.map((scope) => (
            <Badge key={scope} variant="light" size="sm">
              {scope}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>{token.teamId ? `Team ${token.boundTo}` : token.boundTo}</Table.Td>
      <Table.Td>{day(token.expiresAt)}</Table.Td>
      <Table.Td>{minute(token.lastUsedAt)}</Table.Td>
      <Table.Td>
        {token.revokedAt ? (
          <Badge color="gray">Revoked {day(token.revokedAt)}</Badge>
        ) : expired ? (
          <Badge color="orange">Expired</Badge>
        ) : canRevoke ? (
          <RevokeButton token={token} />
        ) : (
          <Badge color="teal">Active</Badge>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** The viewer's tokens (admins and auditors: all), a create form, and the one-time secret. */
export function ApiTokensPanel({ teams, canCreate }: { teams: readonly { id: string; name: string }[]; canCreate: boolean }) {
  const tokens = useQuery(apiTokenQueries.list());
  const [created, setCreated] = useState<{ secret: string; name: string } | null>(null);
  const [now] = useState(() => Date.now());

  return (
    <Stack gap="xl">
      {tokens.isPending ? (
        <Skeleton h={120} />
      ) : tokens.isError ? (
        <QueryError title="Could not load API tokens" error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.apiTokens.length === 0 ? (
        <Text c="dimmed">No API tokens yet.</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped aria-label="API tokens">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Prefix</Table.Th>
                <Table.Th>Scopes</Table.Th>
                <Table.Th>Bound to</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.apiTokens.map((token) => (
                <TokenRow key={token.id} token={token} canRevoke={canCreate} now={now} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canCreate && (
        <Stack>
          <Title order={2} size="h3">
            New token
          </Title>
          <CreateTokenForm teams={teams} onCreated={(secret, name) => setCreated({ secret, name })} />
        </Stack>
      )}
      <SecretDialog secret={created?.secret ?? null} name={created?.name ?? ''} onClose={() => setCreated(null)} />
    </Stack>
  );
}
