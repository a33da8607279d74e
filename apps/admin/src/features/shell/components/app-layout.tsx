import { Anchor, AppShell, Badge, Box, Burger, Button, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { Notices } from '../../../components/notices';
import { useSignOut, useViewer } from '../../session/hooks';
import { useDocumentTitleFromHeading } from '../document-title';
import { useFocusFirstInvalidOnSubmit } from '../focus-first-invalid';
import { t } from '../messages';
import { visibleSections } from '../navigation';
import { BreadcrumbSlot } from './breadcrumb-slot';
import { SearchLauncher } from './search-launcher';
import { ThemeControl } from './theme-control';

// The bell brings the approvals workflow's text and queries: loaded beside the first route, not in it. Its place is
// kept while it loads, so the header does not shift.
const NotificationsBell = lazy(() =>
  import('../../approvals/components/notifications-bell').then((module) => ({ default: module.NotificationsBell })),
);

function SessionControls() {
  const viewer = useViewer();
  const signOut = useSignOut();
  const navigate = useNavigate();

  if (viewer.isPending) return null;
  if (!viewer.data) {
    return (
      <Button component={Link} to="/sign-in" variant="default" size="xs">
        {t('shell.signIn')}
      </Button>
    );
  }
  return (
    <Group gap="sm" data-testid="session">
      <Suspense fallback={<Box w={34} h={34} />}>
        <NotificationsBell />
      </Suspense>
      <Text size="sm" visibleFrom="sm">
        {viewer.data.displayName}
      </Text>
      {viewer.data.roles.map((role) => (
        <Badge key={role} variant="light" visibleFrom="md">
          {t(`shell.role.${role}`)}
        </Badge>
      ))}
      <Button
        variant="default"
        size="xs"
        loading={signOut.isPending}
        onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate({ to: '/' }) })}
      >
        {t('shell.signOut')}
      </Button>
    </Group>
  );
}

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const viewer = useViewer();
  const sections = visibleSections(viewer.data?.roles ?? []);
  const main = useRef<HTMLElement>(null);
  const previousPath = useRef(pathname);
  useFocusFirstInvalidOnSubmit();
  useDocumentTitleFromHeading(main);

  // After a navigation within the app, focus moves to the new page's content, as after a full page load a screen
  // reader starts from the top of the new page, instead of staying on a link that is gone (which drops it to the body).
  useEffect(() => {
    if (previousPath.current === pathname) return;
    previousPath.current = pathname;
    const active = document.activeElement;
    if (!main.current || (active && active !== document.body && main.current.contains(active))) return;
    main.current.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <>
      <Anchor href="#main" className="skip-link">
        {t('shell.skipToContent')}
      </Anchor>
      <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between">
            <Group gap="sm">
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.toggleNavigation')} />
              {/* The brand is a link, not a heading: each page's own title is its one h1. */}
              <Anchor component={Link} to="/" underline="never" c="inherit" fw={700} fz="lg">
                {t('shell.brand')}
              </Anchor>
              <Text size="sm" c="dimmed" visibleFrom="sm">
                {t('shell.tagline')}
              </Text>
            </Group>
            <Group gap="sm" wrap="nowrap">
              {viewer.data ? <SearchLauncher /> : null}
              <ThemeControl />
              <SessionControls />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label={t('shell.mainNavigation')}>
          <NavLink component={Link} to="/" label={t('shell.section.overview')} active={pathname === '/'} onClick={close} />
          {sections.map((section) => (
            <NavLink
              key={section.path}
              component={Link}
              to={section.path}
              label={section.label}
              active={pathname.startsWith(section.path)}
              onClick={close}
            />
          ))}
        </AppShell.Navbar>
        <AppShell.Main id="main" tabIndex={-1} ref={main}>
          <BreadcrumbSlot />
          <Outlet />
        </AppShell.Main>
      </AppShell>
      <Notices />
    </>
  );
}
