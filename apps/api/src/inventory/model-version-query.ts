import { Prisma } from '@modelgate/db';
import type { DeploymentFilter, ModelVersionFilter, ModelVersionsQuery } from '@modelgate/domain/inventory';

/** The facets of the list, each counted over the versions the filter selects when its own choice is left out. */
export const FACET_FILTERS = {
  provider: 'providerIds',
  developerCountry: 'developerCountries',
  effectiveOrigin: 'effectiveOrigins',
  distribution: 'distributions',
  licenseClass: 'licenseClasses',
  hostingMode: 'hostingModes',
  environment: 'environments',
  dataClassification: 'dataClassifications',
  approvalState: 'approvalStates',
} as const satisfies Record<string, keyof ModelVersionFilter>;
export type FacetName = keyof typeof FACET_FILTERS;

/** The filter without one of its own facets, so that facet's counts show every choice. */
export function withoutFacet(filter: ModelVersionFilter, facet: FacetName): ModelVersionFilter {
  return { ...filter, [FACET_FILTERS[facet]]: [] };
}

const insensitive = (value: string) => ({ contains: value, mode: 'insensitive' as const });

export function modelVersionWhere(filter: ModelVersionFilter): Prisma.ModelVersionWhereInput {
  const and: Prisma.ModelVersionWhereInput[] = [];
  if (!filter.includeRetired) and.push({ retiredAt: null });
  if (filter.search) {
    const text = insensitive(filter.search);
    and.push({
      OR: [{ familyName: text }, { versionName: text }, { provider: { name: text } }, { huggingFaceRepo: text }, { task: text }],
    });
  }
  if (filter.providerIds.length) and.push({ providerId: { in: filter.providerIds } });
  if (filter.developerCountries.length) and.push({ developerCountry: { in: filter.developerCountries } });
  if (filter.effectiveOrigins.length) and.push({ effectiveOrigin: { hasSome: filter.effectiveOrigins } });
  if (filter.distributions.length) and.push({ distribution: { in: filter.distributions } });
  if (filter.licenseClasses.length) and.push({ licenseClass: { in: filter.licenseClasses } });
  const deployment: Prisma.DeploymentWhereInput = {};
  if (filter.hostingModes.length) deployment.hostingTarget = { mode: { in: filter.hostingModes } };
  if (filter.environments.length) deployment.environment = { in: filter.environments };
  if (filter.dataClassifications.length) deployment.dataClassification = { in: filter.dataClassifications };
  if (Object.keys(deployment).length) and.push({ deployments: { some: { status: 'ACTIVE', ...deployment } } });
  if (filter.approvalStates.length) {
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

/**
 * `modelVersionWhere` (without facet exclusions) as SQL over `model_version mv`, for the list page that
 * reads versions, providers, counts and the total in one statement. The two must select the same versions:
 * model-versions-listing.spec.ts compares them filter by filter.
 */
export function modelVersionWhereSql(filter: ModelVersionFilter): Prisma.Sql {
  const and: Prisma.Sql[] = [];
  if (!filter.includeRetired) and.push(Prisma.sql`mv.retired_at IS NULL`);
  if (filter.search) {
    // As Prisma's insensitive `contains`: the text goes into the pattern as it is.
    const matches = (column: Prisma.Sql) => Prisma.sql`${column} ILIKE ('%' || ${filter.search} || '%')`;
    and.push(
      Prisma.sql`(${Prisma.join(
        [
          matches(Prisma.sql`mv.family_name`),
          matches(Prisma.sql`mv.version_name`),
          Prisma.sql`EXISTS (SELECT 1 FROM provider sp WHERE sp.id = mv.provider_id AND ${matches(Prisma.sql`sp.name`)})`,
          matches(Prisma.sql`mv.hugging_face_repo`),
          matches(Prisma.sql`mv.task`),
        ],
        ' OR ',
      )})`,
    );
  }
  if (filter.providerIds.length) and.push(Prisma.sql`mv.provider_id = ANY(CAST(${filter.providerIds} AS uuid[]))`);
  if (filter.developerCountries.length)
    and.push(Prisma.sql`mv.developer_country = ANY(CAST(${filter.developerCountries} AS char(2)[]))`);
  if (filter.effectiveOrigins.length)
    and.push(Prisma.sql`mv.effective_origin && CAST(${filter.effectiveOrigins} AS varchar(2)[])`);
  if (filter.distributions.length) and.push(Prisma.sql`mv.distribution = ANY(CAST(${filter.distributions} AS "Distribution"[]))`);
  if (filter.licenseClasses.length) and.push(Prisma.sql`mv.license_class = ANY(CAST(${filter.licenseClasses} AS text[]))`);
  const deployment: Prisma.Sql[] = [];
  if (filter.hostingModes.length) {
    deployment.push(
      Prisma.sql`EXISTS (SELECT 1 FROM hosting_target h WHERE h.id = d.hosting_target_id AND h.mode = ANY(CAST(${filter.hostingModes} AS "HostingMode"[])))`,
    );
  }
  if (filter.environments.length)
    deployment.push(Prisma.sql`d.environment = ANY(CAST(${filter.environments} AS "Environment"[]))`);
  if (filter.dataClassifications.length)
    deployment.push(Prisma.sql`d.data_classification = ANY(CAST(${filter.dataClassifications} AS "DataClassification"[]))`);
  if (deployment.length) {
    and.push(
      Prisma.sql`EXISTS (SELECT 1 FROM deployment d WHERE d.model_version_id = mv.id AND d.status = 'ACTIVE' AND ${Prisma.join(deployment, ' AND ')})`,
    );
  }
  if (filter.approvalStates.length) {
    const states = filter.approvalStates.filter((state) => state !== 'NONE');
    const either: Prisma.Sql[] = [];
    if (states.length) {
      either.push(
        Prisma.sql`EXISTS (SELECT 1 FROM approval_request ar WHERE ar.model_version_id = mv.id AND ar.state = ANY(CAST(${states} AS "ApprovalState"[])))`,
      );
    }
    if (filter.approvalStates.includes('NONE'))
      either.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM approval_request ar WHERE ar.model_version_id = mv.id)`);
    and.push(Prisma.sql`(${Prisma.join(either, ' OR ')})`);
  }
  return and.length ? Prisma.join(and, ' AND ') : Prisma.sql`TRUE`;
}

/** `modelVersionOrderBy` as SQL over `model_version mv` joined to its `provider p`. */
export function modelVersionOrderSql(order: ModelVersionsQuery['orderBy']): Prisma.Sql {
  const direction = Prisma.raw(order.direction === 'DESC' ? 'DESC' : 'ASC');
  const primary: Prisma.Sql[] = {
    NAME: [],
    PROVIDER: [Prisma.sql`p.name ${direction}`],
    RELEASE_DATE: [Prisma.sql`mv.release_date ${direction} NULLS LAST`],
    PARAMETER_COUNT: [Prisma.sql`mv.parameter_count ${direction} NULLS LAST`],
    UPDATED_AT: [Prisma.sql`mv.updated_at ${direction}`],
  }[order.field];
  return Prisma.join(
    [...primary, Prisma.sql`mv.family_name ${direction}`, Prisma.sql`mv.version_name ${direction}`, Prisma.sql`mv.id ASC`],
    ', ',
  );
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
