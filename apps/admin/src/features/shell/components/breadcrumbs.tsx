import { Group, Text } from '@mantine/core';
import { useMatches } from '@tanstack/react-router';
import { Fragment, useEffect } from 'react';
import { rememberRecentItem } from '../../search/recent-items';
import { useViewer } from '../../session/hooks';
import { useBreadcrumbOverride, type BreadcrumbSpec, type EntityCrumb, type ParentCrumb } from '../breadcrumbs';
import { t } from '../messages';
import { trails } from '../trails';
import { AppPathLink } from './app-path-link';

function Separator() {
  return (
    <Text span c="dimmed" aria-hidden="true" size="sm">
      {t('shell.breadcrumb.separator')}
    </Text>
  );
}

/** The trail as a list: each crumb but the last a link, the last the current page (`aria-current="page"`). */
function Trail({ parents, current }: { parents: readonly { label: string; href: string }[]; current: string }) {
  return (
    <nav aria-label={t('shell.breadcrumb.label')} data-testid="breadcrumb">
      <Group component="ol" gap={6} m={0} p={0} mb="sm" style={{ listStyle: 'none' }} wrap="wrap">
        {parents.map((crumb) => (
          <Fragment key={`${crumb.href} ${crumb.label}`}>
            <li>
              <AppPathLink href={crumb.href} size="sm">
                {crumb.label}
              </AppPathLink>
            </li>
            <li aria-hidden="true">
              <Separator />
            </li>
          </Fragment>
        ))}
        <li>
          <Text span size="sm" fw={600} aria-current="page">
            {current}
          </Text>
        </li>
      </Group>
    </nav>
  );
}

const labelled = (parents: readonly ParentCrumb[]) => parents.map((crumb) => ({ label: crumb.label(), href: crumb.href }));

/** A page showing one thing: its name from the page's query (or the page's own `useBreadcrumbTitle`). */
function EntityTrail({
  spec,
  entity,
  id,
  pathname,
}: {
  spec: BreadcrumbSpec;
  entity: EntityCrumb;
  id: string;
  pathname: string;
}) {
  const fromQuery = entity.useTitle(id);
  const fromPage = useBreadcrumbOverride(pathname);
  const viewerId = useViewer().data?.id;
  const title = fromPage ?? fromQuery;
  const href = entity.href?.(id) ?? pathname;

  useEffect(() => {
    if (viewerId && title) rememberRecentItem(viewerId, { kind: entity.kind, id, title, url: href });
  }, [viewerId, entity.kind, id, title, href]);

  const name = title ?? entity.fallback();
  const parents = labelled(spec.parents);
  if (spec.page) return <Trail parents={[...parents, { label: name, href }]} current={spec.page()} />;
  return <Trail parents={parents} current={name} />;
}

function PageTrail({ spec, pathname }: { spec: BreadcrumbSpec; pathname: string }) {
  const fromPage = useBreadcrumbOverride(pathname);
  return <Trail parents={labelled(spec.parents)} current={fromPage ?? spec.page?.() ?? ''} />;
}

/**
 * Where the current page sits: "Inventory › Model versions › Qwen2.5-7B-Instruct". Rendered once by the shell from
 * the deepest route that declares a trail (`staticData.breadcrumb`); a section's own page has none.
 */
export function Breadcrumbs() {
  const matches = useMatches();
  const match = matches.findLast((candidate) => candidate.staticData.breadcrumb !== undefined);
  const key = match?.staticData.breadcrumb;
  if (!match || !key) return null;
  const spec: BreadcrumbSpec = trails[key];
  const params = match.params as Record<string, string | undefined>;
  const id = spec.entity ? params[spec.entity.param] : undefined;
  if (spec.entity && id) {
    return <EntityTrail key={match.routeId} spec={spec} entity={spec.entity} id={id} pathname={match.pathname} />;
  }
  return <PageTrail key={match.routeId} spec={spec} pathname={match.pathname} />;
}
