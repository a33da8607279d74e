import { useQuery } from '@tanstack/react-query';
import { approvalQueries } from '../approvals/queries';
import { discoveryQueries } from '../discovery/queries';
import { inventoryQueries } from '../inventory/queries';
import { peopleQueries } from '../people/queries';
import { policyQueries } from '../policies/queries';
import { reportQueries } from '../reports/queries';
import type { BreadcrumbSpec, EntityCrumb, ParentCrumb } from './breadcrumbs';
import { t } from './messages';
import { sectionAt, type SectionPath } from './navigation';

// The breadcrumb trail of each page below a section, named by the route's `staticData.breadcrumb`. A page showing
// one thing takes the thing's name from the query the page itself runs (the same cache entry: no request of its
// own). Loaded with the breadcrumbs, not with the first route.

const section = (path: SectionPath): ParentCrumb => ({ label: () => sectionAt(path).label, href: path });

const inventory = section('/inventory');
const modelVersions: ParentCrumb = { label: () => t('shell.breadcrumb.modelVersions'), href: '/inventory' };

/** How the inventory names a version: "Qwen2.5-7B-Instruct", or family and version when the name does not repeat it. */
const versionTitle = (version: { familyName: string; versionName: string }) =>
  version.versionName.startsWith(version.familyName) ? version.versionName : `${version.familyName} ${version.versionName}`;

const modelVersion: EntityCrumb = {
  kind: 'MODEL_VERSION',
  param: 'versionId',
  fallback: () => t('shell.breadcrumb.modelVersion'),
  useTitle: (id) => useQuery({ ...inventoryQueries.versionDetail(id), select: versionTitle }).data,
  href: (id) => `/inventory/versions/${id}`,
};

const page = (parents: readonly ParentCrumb[], label: () => string): BreadcrumbSpec => ({ parents, page: label });

export const trails = {
  registerModelVersion: page([inventory, modelVersions], () => t('shell.breadcrumb.registerModelVersion')),
  modelVersion: { parents: [inventory, modelVersions], entity: modelVersion },
  editModelVersion: { parents: [inventory, modelVersions], entity: modelVersion, page: () => t('shell.breadcrumb.edit') },
  deployments: page([inventory], () => t('shell.breadcrumb.deployments')),
  deployment: {
    parents: [inventory, { label: () => t('shell.breadcrumb.deployments'), href: '/inventory/deployments' }],
    entity: {
      kind: 'DEPLOYMENT',
      param: 'deploymentId',
      fallback: () => t('shell.breadcrumb.deployment'),
      useTitle: (id) =>
        useQuery({ ...inventoryQueries.deploymentDetail(id), select: (deployment) => deployment.application }).data,
    },
  },
  providers: page([inventory], () => t('shell.breadcrumb.providers')),
  provider: {
    parents: [inventory, { label: () => t('shell.breadcrumb.providers'), href: '/inventory/providers' }],
    entity: {
      kind: 'PROVIDER',
      param: 'providerId',
      fallback: () => t('shell.breadcrumb.provider'),
      useTitle: (id) => useQuery({ ...inventoryQueries.providerDetail(id), select: (provider) => provider.name }).data,
    },
  },
  hosting: page([inventory], () => t('shell.breadcrumb.hosting')),
  hostingTarget: {
    parents: [inventory, { label: () => t('shell.breadcrumb.hosting'), href: '/inventory/hosting' }],
    entity: {
      kind: 'HOSTING_TARGET',
      param: 'targetId',
      fallback: () => t('shell.breadcrumb.hostingTarget'),
      useTitle: (id) =>
        useQuery({
          ...inventoryQueries.hostingTargets(true),
          select: (targets) => targets.find((target) => target.id === id)?.name,
        }).data,
    },
  },
  person: {
    parents: [section('/admin')],
    entity: {
      kind: 'PERSON',
      param: 'userId',
      fallback: () => t('shell.breadcrumb.person'),
      useTitle: (id) =>
        useQuery({
          ...peopleQueries.list(),
          select: (people) => people.users.find((person) => person.id === id)?.displayName,
        }).data,
    },
  },
  import: page([inventory], () => t('shell.breadcrumb.import')),
  requestApproval: page([section('/approvals')], () => t('shell.breadcrumb.requestApproval')),
  approvalRequest: {
    parents: [section('/approvals')],
    entity: {
      kind: 'APPROVAL_REQUEST',
      param: 'requestId',
      fallback: () => t('shell.breadcrumb.approvalRequest'),
      useTitle: (id) => useQuery({ ...approvalQueries.detail(id), select: (request) => request.reference }).data,
    },
  },
  policyVersion: {
    parents: [section('/policies'), { label: () => t('shell.breadcrumb.policyVersions'), href: '/policies?tab=versions' }],
    entity: {
      kind: 'POLICY_VERSION',
      param: 'versionId',
      fallback: () => t('shell.breadcrumb.policyVersion'),
      useTitle: (id) =>
        useQuery({
          ...policyQueries.versions(),
          select: (versions) => {
            const version = versions.find((candidate) => candidate.id === id);
            return version ? t('shell.breadcrumb.policyVersionNumber', { number: version.number }) : undefined;
          },
        }).data,
    },
  },
  team: {
    parents: [section('/admin')],
    entity: {
      kind: 'TEAM',
      param: 'teamId',
      fallback: () => t('shell.breadcrumb.team'),
      useTitle: (id) =>
        useQuery({ ...peopleQueries.list(), select: (people) => people.teams.find((team) => team.id === id)?.name }).data,
    },
  },
  reportExport: {
    parents: [section('/reports')],
    entity: {
      kind: 'REPORT_EXPORT',
      param: 'exportId',
      fallback: () => t('shell.breadcrumb.reportExport'),
      useTitle: (id) => useQuery({ ...reportQueries.export(id), select: (view) => view.fileName ?? undefined }).data,
    },
  },
  scanReport: {
    parents: [section('/discovery')],
    entity: {
      kind: 'SCAN_REPORT',
      param: 'reportId',
      fallback: () => t('shell.breadcrumb.scanReport'),
      useTitle: (id) => useQuery({ ...discoveryQueries.report(id), select: (report) => report.repository }).data,
    },
  },
} satisfies Record<string, BreadcrumbSpec>;

export type TrailKey = keyof typeof trails;
