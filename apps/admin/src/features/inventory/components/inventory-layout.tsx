import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { t } from '../deployments-messages';
import { InventoryNav } from './inventory-nav';

/** The frame of every Inventory page: the section heading, its navigation, then the page. */
export function InventoryLayout({ children }: { children: ReactNode }) {
  return (
    <Stack>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('deployments.layout.title')}
        </Title>
        <Text c="dimmed">{t('deployments.layout.description')}</Text>
      </Stack>
      <InventoryNav />
      {children}
    </Stack>
  );
}
