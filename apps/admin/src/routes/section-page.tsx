import { Alert, Stack, Text, Title } from '@mantine/core';
import type { Section } from '../features/shell/navigation';

/** A section whose capability has not landed yet: says so plainly rather than showing fake data. */
export function SectionPage({ section }: { section: Section }) {
  return (
    <Stack maw={900}>
      <Title order={1} size="h2">
        {section.label}
      </Title>
      <Text c="dimmed">{section.summary}</Text>
      <Alert variant="light" title="Not available yet">
        This part of Modelgate is not built yet. The overview page shows what the server can do today.
      </Alert>
    </Stack>
  );
}
