import { Stack, Text, Title } from '@mantine/core';
import { PeopleAdmin, PersonDetail, TeamDetail } from '../features/people/components/people-admin';
import { t } from '../features/people/messages';

export function AdminPage() {
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('people.page.title')}
      </Title>
      <Text c="dimmed">{t('people.page.intro')}</Text>
      <PeopleAdmin />
    </Stack>
  );
}

export function PersonPage({ userId }: { userId: string }) {
  return <PersonDetail key={userId} userId={userId} />;
}

export function TeamPage({ teamId }: { teamId: string }) {
  return <TeamDetail key={teamId} teamId={teamId} />;
}
