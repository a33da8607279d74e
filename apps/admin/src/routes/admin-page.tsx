import { Stack, Text, Title } from '@mantine/core';
import { PeopleAdmin } from '../features/people/components/people-admin';

export function AdminPage() {
  return (
    <Stack>
      <Title order={1} size="h2">
        Admin
      </Title>
      <Text c="dimmed">People, their roles and teams. Every change is recorded in the audit trail.</Text>
      <PeopleAdmin />
    </Stack>
  );
}
