import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { t } from '../features/system/messages';

export function NotFoundPage() {
  return (
    <Stack maw={600}>
      <Title order={1} size="h2">
        {t('system.notFound.title')}
      </Title>
      <Text>{t('system.notFound.body')}</Text>
      <Anchor component={Link} to="/">
        {t('system.notFound.home')}
      </Anchor>
    </Stack>
  );
}
