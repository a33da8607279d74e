import { Stack, Text, Title } from '@mantine/core';
import { AuditExplorer } from '../features/audit/components/audit-explorer';
import { t } from '../features/audit/messages';
import type { AuditSearch } from '../features/audit/search';

export function AuditPage({ search, onSearchChange }: { search: AuditSearch; onSearchChange: (search: AuditSearch) => void }) {
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('audit.title')}
      </Title>
      <Text c="dimmed">{t('audit.intro')}</Text>
      <AuditExplorer search={search} onSearchChange={onSearchChange} />
    </Stack>
  );
}
