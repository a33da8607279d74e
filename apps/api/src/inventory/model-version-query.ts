import type { Prisma } from '@modelgate/db';
import type { DeploymentFilter, ModelVersionFilter, ModelVersionsQuery } from '@modelgate/domain/inventory';

/** A filter without one of its own facets, so that facet's counts show every choice. */
export type FacetName =
  | 'provider'
  | 'developerCountry'
  | 'effectiveOrigin'
  | 'distribution'
  | 'licenseClass'
  | 'hostingMode'
  | 'environment'
  | 'dataClassification'
  | 'approvalState';

const insensitive = (value: string) => ({ contains: value, mode: 'insensitive' as const });

export function modelVersionWhere(filter: ModelVersionFilter, without?: FacetName): Prisma.ModelVersionWhereInput {
  const and: Prisma.ModelVersionWhereInput[] = [];
  if (!filter.includeRetired) and.push({ retiredAt: null });
  if (filter.search) {
    const text = insensitive(filter.search);
    and.push({
      OR: [{ familyName: text }, { versionName: text }, { provider: { name: text } }, { huggingFaceRepo: text }, { task: text }],
    });
  }
  if (filter.providerIds.length && without !== 'provider') and.push({ providerId: { in: filter.providerIds } });
  if (filter.developerCountries.length && without !== 'developerCountry')
    and.push({ developerCountry: { in: filter.developerCountries } });
  if (filter.effectiveOrigins.length && without !== 'effectiveOrigin')
    and.push({ effectiveOrigin: { hasSome: filter.effectiveOrigins } });
  if (filter.distributions.length && without !== 'distribution') and.push({ distribution: { in: filter.distributions } });
  if (filter.licenseClasses.length && without !== 'licenseClass') and.push({ licenseClass: { in: filter.licenseClasses } });
  const deployment: Prisma.DeploymentWhereInput = {};
  if (filter.hostingModes.length && without !== 'hostingMode') deployment.hostingTarget = { mode: { in: filter.hostingModes } };
  if (filter.environments.length && without !== 'environment') deployment.environment = { in: filter.environments };
  if (filter.dataClassifications.length && without !== 'dataClassification')
    deployment.dataClassification = { in: filter.dataClassifications };
  if (Object.keys(deployment).length) and.push({ deployments: { some: { status: 'ACTIVE', ...deployment } } });
  if (filter.approvalStates.length && without !== 'approvalState') {
    const states = filter.approvalStates.filter((state) => state !== 'NONE') as Prisma.EnumApprovalStateFilter['in'];
    and.push({
      OR: [
        ...(states && states.length ? [{ approvalRequests: { some: { state: { in: states } } } }] : []),
        ...(filter.approvalStates.includes('NONE') ? [{ approvalRequests: { none: {} } }] : []),
      ],
    });
  }
  return { AND: and };
}

export function modelVersionOrderBy(order: ModelVersionsQuery['orderBy']): Prisma.ModelVersionOrderByWithRelationInput[] {
  const direction: Prisma.SortOrder = order.direction === 'DESC' ? 'desc' : 'asc';
  const byName: Prisma.ModelVersionOrderByWithRelationInput[] = [{ familyName: direction }, { versionName: direction }];
  const nullsLast = { sort: direction, nulls: 'last' } as const;
  const primary: Prisma.ModelVersionOrderByWithRelationInput[] = {
    NAME: [],
    PROVIDER: [{ provider: { name: direction } }],
    RELEASE_DATE: [{ releaseDate: nullsLast }],
    PARAMETER_COUNT: [{ parameterCount: nullsLast }],
    UPDATED_AT: [{ updatedAt: direction }],
  }[order.field];
  return [...primary, ...byName, { id: 'asc' }];
}

export function deploymentWhere(filter: DeploymentFilter): Prisma.DeploymentWhereInput {
  const and: Prisma.DeploymentWhereInput[] = [];
  if (filter.search) {
    and.push({ OR: [{ application: insensitive(filter.search) }, { purpose: insensitive(filter.search) }] });
  }
  if (filter.modelVersionIds.length) and.push({ modelVersionId: { in: filter.modelVersionIds } });
  if (filter.teamIds.length) and.push({ teamId: { in: filter.teamIds } });
  if (filter.hostingTargetIds.length) and.push({ hostingTargetId: { in: filter.hostingTargetIds } });
  if (filter.environments.length) and.push({ environment: { in: filter.environments } });
  if (filter.dataClassifications.length) and.push({ dataClassification: { in: filter.dataClassifications } });
  if (filter.statuses.length) and.push({ status: { in: filter.statuses } });
  return { AND: and };
}

/**
 * Cursors are opaque to clients; inside they are the offset of the next row. Offsets keep every sort
 * order (including nullable columns and the provider's name) correct; the price is that a row
 * inserted earlier in the order while someone pages can shift one row between pages.
 */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string | null): number | null {
  if (cursor === null) return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? Number(match[1]) : null;
}
