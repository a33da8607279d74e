import { Button, Kbd } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { lazy, Suspense, useCallback, useState } from 'react';
import { t } from '../messages';

const loadPalette = () => import('../../search/components/command-palette');
const CommandPalette = lazy(() => loadPalette().then((module) => ({ default: module.CommandPalette })));

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);

/**
 * The header's Search button and the Ctrl+K / ⌘K shortcut (anywhere, in fields too). The palette itself, with its
 * search, loads on first use (or when the button is pointed at or focused), so the first page never pays for it.
 */
export function SearchLauncher() {
  const [opened, setOpened] = useState(false);
  const [used, setUsed] = useState(false);
  const open = useCallback(() => {
    setUsed(true);
    setOpened(true);
  }, []);
  useHotkeys(
    [
      [
        'mod+K',
        () => {
          setUsed(true);
          setOpened((current) => !current);
        },
      ],
    ],
    [],
  );
  const preload = () => void loadPalette();

  return (
    <>
      <Button
        variant="default"
        size="xs"
        onClick={open}
        onPointerEnter={preload}
        onFocus={preload}
        aria-haspopup="dialog"
        aria-keyshortcuts="Control+K Meta+K"
        rightSection={
          <Kbd size="xs" aria-hidden="true" visibleFrom="sm">
            {isMac() ? t('shell.search.shortcutMac') : t('shell.search.shortcut')}
          </Kbd>
        }
        data-testid="search-button"
      >
        {t('shell.search.button')}
      </Button>
      {used ? (
        <Suspense fallback={null}>
          <CommandPalette opened={opened} onClose={() => setOpened(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
