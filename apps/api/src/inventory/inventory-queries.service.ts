import { Injectable } from '@nestjs/common';
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
  modelVersionOrderSql,
  modelVersionWhere,
  modelVersionWhereSql,
} from './model-version-query.js';

export type Page<T> = { rows: { cursor: string; row: T }[]; hasNextPage: boolean; endCursor: string | null };

const enumLabel = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replaceAll('_', ' ');
const countryLabel = (code: string) => (isCountryCode(code) ? `${countryName(code)} (${code})` : code);

function facetList(counts: Map<string, number>, label: (value: string) => string): FacetCount[] {
  return [...counts]
    .map(([value, count]) => ({ value, label: label(value), count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

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

  async facets(filter: ModelVersionFilter): Promise<ModelVersionFacets> {
    const grouped = async (facet: 'provider' | 'developerCountry' | 'distribution' | 'licenseClass') => {
      const column = facet === 'provider' ? 'providerId' : facet;
      const rows = await this.inventory.groupModelVersions(modelVersionWhere(filter, facet), column);
      return new Map(rows.map((row) => [String((row as Record<string, unknown>)[column]), row._count._all]));
    };
    const [providerCounts, developerCountry, distribution, licenseClass, origins] = await Promise.all([
      grouped('provider'),
      grouped('developerCountry'),
      grouped('distribution'),
      grouped('licenseClass'),
      this.inventory.findEffectiveOrigins(modelVersionWhere(filter, 'effectiveOrigin')),
    ]);
    const providers = new Map((await this.inventory.findProvidersByIds([...providerCounts.keys()])).map((p) => [p.id, p.name]));
    const effectiveOrigin = new Map<string, number>();
    for (const row of origins)
      for (const code of row.effectiveOrigin) effectiveOrigin.set(code, (effectiveOrigin.get(code) ?? 0) + 1);
    const [hostingMode, environment, dataClassification, approvalState] = await Promise.all([
      this.deploymentFacet(filter, 'hostingMode', (d) => d.hostingTarget.mode),
      this.deploymentFacet(filter, 'environment', (d) => d.environment),
      this.deploymentFacet(filter, 'dataClassification', (d) => d.dataClassification),
      this.approvalStateFacet(filter),
    ]);
    return {
      provider: facetList(providerCounts, (id) => providers.get(id) ?? id),
      developerCountry: facetList(developerCountry, countryLabel),
      effectiveOrigin: facetList(effectiveOrigin, countryLabel),
      distribution: facetList(distribution, enumLabel),
      licenseClass: facetList(licenseClass, enumLabel),
      hostingMode: facetList(hostingMode, enumLabel),
      environment: facetList(environment, enumLabel),
      dataClassification: facetList(dataClassification, enumLabel),
      approvalState: facetList(approvalState, (value) => (value === 'NONE' ? 'Not requested' : enumLabel(value))),
    };
  }

  /** Versions per approval state (a version with requests in two states counts in both), and NONE. */
  private async approvalStateFacet(filter: ModelVersionFilter): Promise<Map<string, number>> {
    const where = modelVersionWhere(filter, 'approvalState');
    const [pairs, none] = await Promise.all([
      this.inventory.findApprovalStatesOfVersions(where),
      this.inventory.countModelVersions({ AND: [where, { approvalRequests: { none: {} } }] }),
    ]);
    const counts = new Map<string, number>();
    for (const pair of pairs) counts.set(pair.state, (counts.get(pair.state) ?? 0) + 1);
    if (none > 0) counts.set('NONE', none);
    return counts;
  }

  /** Versions (not deployments) per value: a version with two production deployments counts once. */
  private async deploymentFacet(
    filter: ModelVersionFilter,
    facet: 'hostingMode' | 'environment' | 'dataClassification',
    valueOf: (row: { environment: string; dataClassification: string; hostingTarget: { mode: string } }) => string,
  ): Promise<Map<string, number>> {
    const rows = await this.inventory.findActiveDeploymentFacts(modelVersionWhere(filter, facet));
    const versions = new Map<string, Set<string>>();
    for (const row of rows) {
      const value = valueOf(row);
      versions.set(value, (versions.get(value) ?? new Set()).add(row.modelVersionId));
    }
    return new Map([...versions].map(([value, ids]) => [value, ids.size]));
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
