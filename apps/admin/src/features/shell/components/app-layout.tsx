import { Anchor, AppShell, Badge, Burger, Button, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { roleLabels } from '@modelgate/domain/auth/roles';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { NotificationsBell } from '../../approvals/components/notifications-bell';
import { useSignOut, useViewer } from '../../session/hooks';
import { useDocumentTitleFromHeading } from '../document-title';
import { useFocusFirstInvalidOnSubmit } from '../focus-first-invalid';
import { visibleSections } from '../navigation';
import { ThemeControl } from './theme-control';

function SessionControls() {
  const viewer = useViewer();
  const signOut = useSignOut();
  const navigate = useNavigate();

  if (viewer.isPending) return null;
  if (!viewer.data) {
    return (
      <Button component={Link} to="/sign-in" variant="default" size="xs">
        Sign in
      </Button>
    );
  }
  return (
    <Group gap="sm" data-testid="session">
      <NotificationsBell />
      <Text size="sm" visibleFrom="sm">
        {viewer.data.displayName}
      </Text>
      {viewer.data.roles.map((role) => (
        <Badge key={role} variant="light" visibleFrom="md">
          {roleLabels[role]}
        </Badge>
      ))}
      <Button
        variant="default"
        size="xs"
        loading={signOut.isPending}
        onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate({ to: '/' }) })}
      >
        Sign out
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
        Skip to main content
      </Anchor>
      <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between">
            <Group gap="sm">
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
              {/* The brand is a link, not a heading: each page's own title is its one h1. */}
              <Anchor component={Link} to="/" underline="never" c="inherit" fw={700} fz="lg">
                Modelgate
              </Anchor>
              <Text size="sm" c="dimmed" visibleFrom="sm">
                AI model governance
              </Text>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <ThemeControl />
              <SessionControls />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label="Main navigation">
          <NavLink component={Link} to="/" label="Overview" active={pathname === '/'} onClick={close} />
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
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </>
  );
}
