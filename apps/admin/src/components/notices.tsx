import { Notification, Stack } from '@mantine/core';
import { useSyncExternalStore } from 'react';

type Notice = { id: number; title: string; message: string; color: string };

let notices: readonly Notice[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function publish(next: readonly Notice[]) {
  notices = next;
  for (const listener of listeners) listener();
}

function dismiss(id: number) {
  publish(notices.filter((notice) => notice.id !== id));
}

/** Shows a short confirmation in the corner for a few seconds (the app has no notification package). */
export function showNotice(title: string, message: string, color = 'teal') {
  const id = nextId++;
  publish([...notices, { id, title, message, color }]);
  setTimeout(() => dismiss(id), 6000);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Renders the notices; screen readers hear them through the status role. */
export function Notices() {
  const current = useSyncExternalStore(subscribe, () => notices);
  return (
    <Stack gap="xs" pos="fixed" bottom={16} right={16} w={360} style={{ zIndex: 400 }} role="status" aria-live="polite">
      {current.map((notice) => (
        <Notification key={notice.id} title={notice.title} color={notice.color} onClose={() => dismiss(notice.id)}>
          {notice.message}
        </Notification>
      ))}
    </Stack>
  );
}
