import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { DateTime } from '../../../components/date-time';
import { AppPathLink } from '../../shell/components/app-path-link';
import { useViewer } from '../../session/hooks';
import { t } from '../messages';
import { kindLabel, reachable } from '../palette-items';
import { useRecentItems } from '../recent-items';

/**
 * What the viewer opened last in this browser (model versions, providers, requests, scan reports…), newest first,
 * each a link back. Nothing at all until they have opened something, so a first visit shows no empty card.
 */
export function RecentItemsCard() {
  const viewer = useViewer().data;
  const items = useRecentItems(viewer?.id).filter((item) => reachable(item.url, viewer?.roles ?? []));
  if (!viewer || items.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="recent-items-title" data-testid="recent-items">
      <Stack gap="xs">
        <div>
          <Title order={2} size="h4" id="recent-items-title">
            {t('search.recent.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('search.recent.description')}
          </Text>
        </div>
        <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map((item) => (
            <Group component="li" key={`${item.kind}:${item.id}`} justify="space-between" wrap="nowrap" gap="sm">
              <Text size="sm" truncate>
                <AppPathLink href={item.url} underline="always">
                  {item.title}
                </AppPathLink>{' '}
                <Text span size="xs" c="dimmed">
                  {kindLabel(item.kind)}
                </Text>
              </Text>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                <DateTime value={item.openedAt} format="relative" />
              </Text>
            </Group>
          ))}
        </Stack>
      </Stack>
    </Card>
  );
}
