import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Notices } from '../../../components/notices';
import { InventoryNav } from './inventory-nav';

/** The frame of every Inventory page: the section heading, its navigation, then the page. */
export function InventoryLayout({ children }: { children: ReactNode }) {
  return (
    <Stack>
      <Stack gap={4}>
        <Title order={1} size="h2">
          Inventory
        </Title>
        <Text c="dimmed">Providers, model versions, licenses, hosting and deployments.</Text>
      </Stack>
      <InventoryNav />
      {children}
      <Notices />
    </Stack>
  );
}
