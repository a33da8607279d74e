import { Stack, Text, Title } from '@mantine/core';
import { SystemStatusCard } from '../features/system/components/system-status-card';

export function OverviewPage() {
  return (
    <Stack maw={900}>
      <Title order={1} size="h2">
        Overview
      </Title>
      <Text c="dimmed">
        Modelgate keeps the inventory of the AI models your organization uses, who approved them, under which policy, and the
        evidence an auditor needs.
      </Text>
      <SystemStatusCard />
    </Stack>
  );
}
