import { ActionIcon, Button, Divider, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { DateTime } from '../../../components/date-time';
import { EmptyState, ErrorState, LoadingState } from '../../../components/page-states';
import { useMarkNotificationsRead } from '../hooks';
import { eventLabels } from '../labels';
import { t } from '../messages';
import { Separator } from './separator';
import { notificationQueries } from '../queries';

function BellIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** The viewer's workflow notifications: unread count on the bell, the latest in a popover, each a link to its request. */
export function NotificationsBell() {
  const [opened, setOpened] = useState(false);
  const notifications = useQuery(notificationQueries.latest());
  const markRead = useMarkNotificationsRead();
  const navigate = useNavigate();
  const unread = notifications.data?.unreadNotificationCount ?? 0;
  const items = notifications.data?.notifications.edges.map((edge) => edge.node) ?? [];

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md" trapFocus>
      {/* The indicator wraps the target, so the popover's aria-expanded lands on the button, not on a div. */}
      <Indicator label={unread} size={16} disabled={unread === 0} offset={4}>
        <Popover.Target>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={
              unread > 0 ? t('approvals.notifications.unreadLabel', { count: unread }) : t('approvals.notifications.title')
            }
            onClick={() => setOpened((open) => !open)}
          >
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown aria-label={t('approvals.notifications.title')}>
        <Group justify="space-between" mb="xs">
          <Text fw={600} size="sm">
            {t('approvals.notifications.title')}
          </Text>
          {unread > 0 && (
            <Button
              size="compact-xs"
              variant="subtle"
              loading={markRead.isPending}
              onClick={() => markRead.mutate({ all: true })}
            >
              {t('approvals.notifications.markAllRead')}
            </Button>
          )}
        </Group>
        <ScrollArea.Autosize mah={400}>
          {notifications.isPending ? (
            <LoadingState what={t('approvals.notifications.what')} rows={3} />
          ) : notifications.isError ? (
            <ErrorState
              title={t('approvals.notifications.error')}
              error={notifications.error}
              onRetry={() => void notifications.refetch()}
            />
          ) : items.length === 0 ? (
            <EmptyState title={t('approvals.notifications.empty')} />
          ) : (
            <Stack gap={0}>
              {items.map((item, index) => (
                <div key={item.id}>
                  {index > 0 && <Divider />}
                  <UnstyledButton
                    w="100%"
                    py="xs"
                    onClick={() => {
                      if (!item.readAt) markRead.mutate({ ids: [item.id] });
                      setOpened(false);
                      if (item.requestId) void navigate({ to: '/approvals/$requestId', params: { requestId: item.requestId } });
                    }}
                  >
                    <Text size="sm" fw={item.readAt ? 400 : 700}>
                      {/* Unread is bold with a dot; the words say it too. */}
                      {!item.readAt && (
                        <>
                          <span aria-hidden="true">{t('approvals.notifications.unreadDot')} </span>
                          <span className="visually-hidden">{t('approvals.notifications.unreadPrefix')} </span>
                        </>
                      )}
                      {item.title}
                    </Text>
                    {item.body && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {item.body}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {eventLabels[item.event] ?? item.event}
                      <Separator />
                      <DateTime value={item.createdAt} format="relative" />
                    </Text>
                  </UnstyledButton>
                </div>
              ))}
            </Stack>
          )}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
