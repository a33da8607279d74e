import { Alert, Stack, Text, Title } from '@mantine/core';
import type { Section } from '../features/shell/navigation';
import { t } from '../features/system/messages';

/**
 * A section whose capability has not landed yet says so plainly rather than showing fake data; a
 * section the viewer's roles do not include says that instead.
 */
export function SectionPage({ section, forbidden = false }: { section: Section; forbidden?: boolean }) {
  return (
    <Stack maw={900}>
      <Title order={1} size="h2">
        {section.label}
      </Title>
      <Text c="dimmed">{section.summary}</Text>
      {forbidden ? (
        <Alert color="orange" title={t('system.section.forbiddenTitle')} role="alert">
          {t('system.section.forbiddenBody')}
        </Alert>
      ) : (
        <Alert variant="light" title={t('system.section.notBuiltTitle')}>
          {t('system.section.notBuiltBody')}
        </Alert>
      )}
    </Stack>
  );
}
