import { Alert, Stack, Text, Title } from '@mantine/core';
import type { Section } from '../features/shell/navigation';

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
        <Alert color="orange" title="Not available to your roles" role="alert">
          Your roles do not include this section. Ask an admin if you need it.
        </Alert>
      ) : (
        <Alert variant="light" title="Not available yet">
          This part of Modelgate is not built yet. The overview page shows what the server can do today.
        </Alert>
      )}
    </Stack>
  );
}
