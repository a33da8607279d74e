import { Card, SimpleGrid, Skeleton, Stack } from '@mantine/core';

/**
 * Stands in for the dashboard while its code or its figures load. The overview page shows it before the dashboard's
 * code (and catalog) arrive, so the page passes the label in its own words.
 */
export function DashboardSkeleton({ label }: { label: string }) {
  return (
    <Stack role="status" aria-busy="true" aria-label={label}>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }}>
        {Array.from({ length: 5 }, (_, index) => (
          <Skeleton key={index} height={84} />
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
        {Array.from({ length: 6 }, (_, index) => (
          <Card key={index} withBorder padding="lg">
            <Stack>
              <Skeleton height={20} width="60%" />
              <Skeleton height={14} />
              <Skeleton height={160} />
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
