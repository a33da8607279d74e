import { Group } from '@mantine/core';
import { useRouterState } from '@tanstack/react-router';
import { ButtonLink } from '../../../components/router-links';
import { t } from '../deployments-messages';
import { useInventoryPermissions } from '../permissions';

const links = [
  {
    to: '/inventory',
    label: () => t('deployments.nav.modelVersions'),
    match: (path: string) => path === '/inventory' || path.startsWith('/inventory/versions'),
  },
  {
    to: '/inventory/deployments',
    label: () => t('deployments.nav.deployments'),
    match: (path: string) => path.startsWith('/inventory/deployments'),
  },
  {
    to: '/inventory/providers',
    label: () => t('deployments.nav.providers'),
    match: (path: string) => path.startsWith('/inventory/providers'),
  },
  {
    to: '/inventory/hosting',
    label: () => t('deployments.nav.hosting'),
    match: (path: string) => path.startsWith('/inventory/hosting'),
  },
  {
    to: '/inventory/import',
    label: () => t('deployments.nav.import'),
    match: (path: string) => path.startsWith('/inventory/import'),
  },
] as const;

/** The Inventory section's own navigation: versions, deployments, providers, hosting, import. */
export function InventoryNav() {
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const { canImport } = useInventoryPermissions();
  return (
    <Group component="nav" aria-label={t('deployments.nav.label')} gap="xs">
      {links
        .filter((link) => link.to !== '/inventory/import' || canImport)
        .map((link) => {
          const current = link.match(pathname);
          return (
            <ButtonLink
              key={link.to}
              to={link.to}
              size="xs"
              variant={current ? 'light' : 'subtle'}
              aria-current={current ? 'page' : undefined}
              // The router would also mark "Model versions" current on every Inventory page (a prefix match):
              // `match` decides instead, so one link at a time is the current page.
              activeOptions={{ exact: true }}
            >
              {link.label()}
            </ButtonLink>
          );
        })}
    </Group>
  );
}
