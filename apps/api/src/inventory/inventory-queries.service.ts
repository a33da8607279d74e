import { Injectable } from '@nestjs/common';
import type { Prisma } from '@modelgate/db';
import { ValidationError } from '@modelgate/domain/errors';
import {
  countryName,
  isCountryCode,
  type DeploymentsQuery,
  type ModelVersionFilter,
  type ModelVersionsQuery,
} from '@modelgate/domain/inventory';
import { InventoryRepository, type ModelVersionListReads, type ModelVersionListRow } from './inventory.repository.js';
import type { DeploymentRow, ModelVersionRow } from './inventory.selects.js';
import type { FacetCount, ModelVersionFacets } from './models/model-version.model.js';
import {
  decodeCursor,
  deploymentWhere,
  encodeCursor,
  FACET_FILTERS,
  modelVersionOrderSql,
  modelVersionWhere,
  modelVersionWhereSql,
  withoutFacet,
  type FacetName,
} from './model-version-query.js';

export type Page<T> = { rows: { cursor: string; row: T }[]; hasNextPage: boolean; endCursor: string | null };

const enumLabel = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replaceAll('_', ' ');
const countryLabel = (code: string) => (isCountryCode(code) ? `${countryName(code)} (${code})` : code);

const FACET_NAMES = Object.keys(FACET_FILTERS) as FacetName[];

/** How a facet's values read; providers are labelled with their name by the query. */
const FACET_LABELS: Record<FacetName, (value: string) => string> = {
  provider: (id) => id,
  developerCountry: countryLabel,
  effectiveOrigin: countryLabel,
  distribution: enumLabel,
  licenseClass: enumLabel,
  hostingMode: enumLabel,
  environment: enumLabel,
  dataClassification: enumLabel,
  approvalState: (value) => (value === 'NONE' ? 'Not requested' : enumLabel(value)),
};

function offsetOf(after: string | null): number {
  const offset = decodeCursor(after);
  if (offset === null) throw new ValidationError([{ field: 'after', reason: 'is not a cursor from this list' }]);
  return offset;
}

function pageOf<T>(rows: T[], offset: number, first: number): Page<T> {
  const page = rows.slice(0, first).map((row, index) => ({ cursor: encodeCursor(offset + index + 1), row }));
  return { rows: page, hasNextPage: rows.length > first, endCursor: page.at(-1)?.cursor ?? null };
}

/** Lists, counts and facets of the inventory. */
@Injectable()
export class InventoryQueriesService {
  constructor(private readonly inventory: InventoryRepository) {}

  /** A page of the list in one statement, reading what the query asks for. */
  async modelVersionList(
    args: ModelVersionsQuery,
    reads: ModelVersionListReads,
  ): Promise<Page<ModelVersionListRow> & { totalCount: number | null }> {
    const offset = offsetOf(args.after);
    const rows = await this.inventory.findModelVersionListPage(
      modelVersionWhereSql(args.filter),
      modelVersionOrderSql(args.orderBy),
      offset,
      args.first + 1,
      reads,
    );
    // Every row carries the total; an empty first page means none match, an empty later page says nothing.
    const totalCount = reads.totalCount ? (rows[0]?.totalCount ?? (offset === 0 ? 0 : null)) : null;
    return { ...pageOf(rows, offset, args.first), totalCount };
  }

  modelVersionsByIds(ids: readonly string[]): Promise<ModelVersionRow[]> {
    return this.inventory.findModelVersionsByIds(ids);
  }

  countModelVersions(filter: ModelVersionFilter): Promise<number> {
    return this.inventory.countModelVersions(modelVersionWhere(filter));
  }

  /** Every facet in one statement; each counts the versions the filter selects without that facet's own choice. */
  async facets(filter: ModelVersionFilter): Promise<ModelVersionFacets> {
    const where = Object.fromEntries(
      FACET_NAMES.map((facet) => [facet, modelVersionWhereSql(withoutFacet(filter, facet))]),
    ) as Record<FacetName, Prisma.Sql>;
    const counts = new Map(FACET_NAMES.map((facet) => [facet, [] as FacetCount[]]));
    for (const row of await this.inventory.countModelVersionFacets(where)) {
      counts.get(row.facet)!.push({ value: row.value, label: row.label ?? FACET_LABELS[row.facet](row.value), count: row.count });
    }
    return Object.fromEntries(
      [...counts].map(([facet, list]) => [facet, list.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))]),
    ) as Record<FacetName, FacetCount[]>;
  }

  async deployments(args: DeploymentsQuery): Promise<Page<DeploymentRow>> {
    const offset = offsetOf(args.after);
    const rows = await this.inventory.findDeploymentPage(deploymentWhere(args.filter), offset, args.first + 1);
    return pageOf(rows, offset, args.first);
  }

  deploymentsByIds(ids: readonly string[]): Promise<DeploymentRow[]> {
    return this.inventory.findDeploymentsByIds(ids);
  }

  countDeployments(filter: DeploymentsQuery['filter']): Promise<number> {
    return this.inventory.countDeployments(deploymentWhere(filter));
  }
}
