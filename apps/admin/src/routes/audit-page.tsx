import { Stack, Text, Title } from '@mantine/core';
import { AuditExplorer } from '../features/audit/components/audit-explorer';
import type { AuditSearch } from '../features/audit/search';

export function AuditPage({ search, onSearchChange }: { search: AuditSearch; onSearchChange: (search: AuditSearch) => void }) {
  return (
    <Stack>
      <Title order={1} size="h2">
        Audit
      </Title>
      <Text c="dimmed">
        Every change, sign-in and refused attempt, append-only and hash-chained. Verification re-computes every hash from the
        first event.
      </Text>
      <AuditExplorer search={search} onSearchChange={onSearchChange} />
    </Stack>
  );
}
