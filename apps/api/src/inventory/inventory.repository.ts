import { Injectable } from '@nestjs/common';
import { columnOf, Prisma } from '@modelgate/db';
import { licenseIdsIn, parseSpdxExpression } from '@modelgate/domain/inventory';
import type { Tx } from '../audit/audit.repository.js';
import { PrismaService } from '../database/prisma.service.js';
import {
  deploymentSelect,
  hostingTargetSelect,
  licenseHistorySelect,
  licenseSelect,
  modelVersionSelect,
  modelVersionWithBasesSelect,
  providerSelect,
  weightFileSelect,
  type DeploymentRow,
  type HostingTargetRow,
  type LicenseHistoryRow,
  type LicenseRow,
  type ModelVersionColumn,
  type ModelVersionRow,
  type ModelVersionWithBasesRow,
  type ProviderColumn,
  type ProviderRow,
  type WeightFileRow,
} from './inventory.selects.js';
import type { ApprovalRequestColumn, ListedApprovalRequestRow } from '../approvals/approval-mappers.js';
import type { FacetName } from './model-version-query.js';

/** The stored input of derived-facts computation: every version's origin, bases and current license. */
export type LineageRow = {
  id: string;
  developerCountry: string;
  declaredLicense: string;
  concludedLicense: string | null;
  bases: { baseModelVersionId: string; relation: string }[];
};

export type DerivedFactsUpdate = {
  id: string;
  effectiveOrigin: string[];
  licenseClass: string;
  obligations: unknown;
  lineageProblem: string | null;
};

/** One value of one facet and the versions that have it; `label` is set for providers (their name). */
export type FacetCountRow = { facet: FacetName; value: string; label: string | null; count: number };

/** A version as the list page read it: `id` and the columns asked for; the others are not set. */
export type ListedVersion = Pick<ModelVersionRow, 'id'> & Partial<ModelVersionRow>;

/** A provider as the list page read it: `id` and the columns asked for. */
export type ListedProvider = Pick<ProviderRow, 'id'> & Partial<ProviderRow>;

/**
 * A row of the inventory list page: a version, its provider, the counts and its approval requests (newest first),
 * each when asked for.
 */
export type ModelVersionListRow = {
  version: ListedVersion;
  provider: ListedProvider | null;
  activeDeploymentCount: number | null;
  approvalRequests: ListedApprovalRequestRow[] | null;
  totalCount: number | null;
};

export type ModelVersionListReads = {
  columns: readonly ModelVersionColumn[];
  /** The provider's columns to read (its `id` always), or null for none. */
  provider: readonly ProviderColumn[] | null;
  deploymentCount: boolean;
  /** The columns of the versions' approval requests to read (`id` and `modelVersionId` always), or null for none. */
  approvalRequests: readonly ApprovalRequestColumn[] | null;
  totalCount: boolean;
};

/**
 * How the list reads a version's column on the driver (see `findModelVersionListPage`), as Prisma would return it:
 * an enum array as text, a date as the instant of its UTC midnight (`pg` reads a bare date in the process's time zone).
 */
const VERSION_COLUMN_SQL: Partial<Record<ModelVersionColumn, string>> = {
  modalities: 'mv.modalities::text[]',
  releaseDate: "(mv.release_date::timestamp AT TIME ZONE 'UTC')",
};
const versionColumn = (field: string) =>
  `${VERSION_COLUMN_SQL[field as ModelVersionColumn] ?? `mv.${columnOf(field)}`} AS "${field}"`;
const providerColumn = (field: string) => `p.${columnOf(field)} AS "provider.${field}"`;

/** A row as `pg` reads it: bigint as its decimal text, json parsed. */
type RawListRow = Record<string, unknown> & {
  activeDeploymentCount: string | null;
  approvalRequests: Record<string, unknown>[] | null;
  totalCount: string | null;
};

/** Approval request columns whose JSON text (see `approvalRequestsOfVersion`) is turned back into the column's type. */
const APPROVAL_DATE_COLUMNS = ['submittedAt', 'decidedAt', 'validFrom', 'validUntil', 'createdAt', 'updatedAt'] as const;

/**
 * The approval requests of `mv`, newest first, as one JSON array of the columns asked for (NULL for none): a
 * subquery in the list's select list, so a page's requests cost no statement of their own. `expected_users` (a
 * bigint) travels as text so that no digit is lost.
 */
function approvalRequestsOfVersion(columns: readonly ApprovalRequestColumn[]): string {
  const fields = [...new Set<string>(['id', 'modelVersionId', ...columns])].map(
    (field) => `'${field}', ar.${columnOf(field)}${field === 'expectedUsers' ? '::text' : ''}`,
  );
  return `(SELECT json_agg(json_build_object(${fields.join(', ')}) ORDER BY ar.updated_at DESC, ar.number DESC)
    FROM approval_request ar WHERE ar.model_version_id = mv.id)`;
}

function toListedApprovalRequests(raw: Record<string, unknown>[] | null): ListedApprovalRequestRow[] {
  if (raw === null) return [];
  for (const request of raw) {
    for (const column of APPROVAL_DATE_COLUMNS) {
      const value = request[column];
      if (typeof value === 'string') request[column] = new Date(value);
    }
    if (typeof request['expectedUsers'] === 'string') request['expectedUsers'] = BigInt(request['expectedUsers']);
  }
  return raw as ListedApprovalRequestRow[];
}

function toListRow(raw: RawListRow, reads: ModelVersionListReads, providerColumns: [string, string][]): ModelVersionListRow {
  const version: Record<string, unknown> = { id: raw['id'] };
  for (const field of reads.columns) version[field] = raw[field];
  if (typeof version['parameterCount'] === 'string') version['parameterCount'] = BigInt(version['parameterCount']);
  let provider: Record<string, unknown> | null = null;
  if (reads.provider) {
    provider = { id: raw['provider.id'] };
    for (const [field, alias] of providerColumns) provider[field] = raw[alias];
  }
  return {
    version: version as ListedVersion,
    provider: provider as ListedProvider | null,
    activeDeploymentCount: raw.activeDeploymentCount === null ? null : Number(raw.activeDeploymentCount),
    approvalRequests: reads.approvalRequests ? toListedApprovalRequests(raw.approvalRequests) : null,
    totalCount: raw.totalCount === null ? null : Number(raw.totalCount),
  };
}

/** Every database access of the inventory goes through here. */
@Injectable()
export class InventoryRepository {
  constructor(readonly prisma: PrismaService) {}

  // ---- reads for lists and loaders (outside transactions)

  /**
   * One statement for a page of the inventory list: the versions (only the columns asked for, as the list is
   * read far more often than its rows are shown in full), their providers' columns asked for, the active deployment count of
   * each, their approval requests' columns asked for and the number of versions on all pages. Subqueries in the select
   * list run after the LIMIT, the total once. The listing spec holds the rows equal to the Prisma reads.
   */
  async findModelVersionListPage(
    where: Prisma.Sql,
    orderBy: Prisma.Sql,
    skip: number,
    take: number,
    reads: ModelVersionListReads,
  ): Promise<ModelVersionListRow[]> {
    const columns = [...new Set<string>(['id', ...reads.columns])].map(versionColumn);
    if (reads.provider) columns.push(...[...new Set<string>(['id', ...reads.provider])].map(providerColumn));
    const deploymentCount = reads.deploymentCount
      ? Prisma.sql`(SELECT count(*) FROM deployment d WHERE d.model_version_id = mv.id AND d.status = 'ACTIVE')`
      : Prisma.sql`NULL::bigint`;
    const approvalRequests = Prisma.raw(
      reads.approvalRequests ? approvalRequestsOfVersion(reads.approvalRequests) : 'NULL::json',
    );
    const totalCount = reads.totalCount
      ? Prisma.sql`(SELECT count(*) FROM model_version mv WHERE ${where})`
      : Prisma.sql`NULL::bigint`;
    // On the driver, past Prisma's raw-query path: the list is the admin app's most frequent read, and that path
    // allocates several times the rows it returns (see PrismaService.driverQuery). Never called inside a transaction.
    const rows = await this.prisma.driverQuery<RawListRow>(Prisma.sql`
      SELECT ${Prisma.raw(columns.join(', '))}, ${deploymentCount} AS "activeDeploymentCount",
        ${approvalRequests} AS "approvalRequests", ${totalCount} AS "totalCount"
      FROM model_version mv JOIN provider p ON p.id = mv.provider_id
      WHERE ${where}
      ORDER BY ${orderBy}
      OFFSET ${skip} LIMIT ${take}`);
    const providerColumns = (reads.provider ?? []).map((field): [string, string] => [field, `provider.${field}`]);
    return rows.map((row) => toListRow(row, reads, providerColumns));
  }

  countModelVersions(where: Prisma.ModelVersionWhereInput): Promise<number> {
    return this.prisma.modelVersion.count({ where });
  }

  /**
   * Every facet's counts in one statement: versions per value, each facet over the versions its own `where` selects
   * (the filter without that facet). Deployment facets count versions with an active deployment of that value, and
   * the approval state facet versions with a request in that state, or none at all (NONE).
   */
  countModelVersionFacets(where: Record<FacetName, Prisma.Sql>): Promise<FacetCountRow[]> {
    return this.prisma.$queryRaw<FacetCountRow[]>`
      SELECT 'provider' AS facet, p.id::text AS value, p.name AS label, count(*)::int AS count
        FROM model_version mv JOIN provider p ON p.id = mv.provider_id WHERE ${where.provider} GROUP BY p.id, p.name
      UNION ALL
      SELECT 'developerCountry', mv.developer_country::text, NULL, count(*)::int
        FROM model_version mv WHERE ${where.developerCountry} GROUP BY 2
      UNION ALL
      SELECT 'effectiveOrigin', origin::text, NULL, count(*)::int
        FROM model_version mv CROSS JOIN LATERAL unnest(mv.effective_origin) AS origin WHERE ${where.effectiveOrigin} GROUP BY 2
      UNION ALL
      SELECT 'distribution', mv.distribution::text, NULL, count(*)::int FROM model_version mv WHERE ${where.distribution} GROUP BY 2
      UNION ALL
      SELECT 'licenseClass', mv.license_class::text, NULL, count(*)::int FROM model_version mv WHERE ${where.licenseClass} GROUP BY 2
      UNION ALL
      SELECT 'hostingMode', fh.mode::text, NULL, count(DISTINCT mv.id)::int
        FROM model_version mv JOIN deployment fd ON fd.model_version_id = mv.id AND fd.status = 'ACTIVE'
        JOIN hosting_target fh ON fh.id = fd.hosting_target_id
        WHERE ${where.hostingMode} GROUP BY 2
      UNION ALL
      SELECT 'environment', fd.environment::text, NULL, count(DISTINCT mv.id)::int
        FROM model_version mv JOIN deployment fd ON fd.model_version_id = mv.id AND fd.status = 'ACTIVE'
        WHERE ${where.environment} GROUP BY 2
      UNION ALL
      SELECT 'dataClassification', fd.data_classification::text, NULL, count(DISTINCT mv.id)::int
        FROM model_version mv JOIN deployment fd ON fd.model_version_id = mv.id AND fd.status = 'ACTIVE'
        WHERE ${where.dataClassification} GROUP BY 2
      UNION ALL
      SELECT 'approvalState', far.state::text, NULL, count(DISTINCT mv.id)::int
        FROM model_version mv JOIN approval_request far ON far.model_version_id = mv.id
        WHERE ${where.approvalState} GROUP BY 2
      UNION ALL
      SELECT 'approvalState', 'NONE', NULL, count(*)::int FROM model_version mv
        WHERE ${where.approvalState} AND NOT EXISTS (SELECT 1 FROM approval_request far WHERE far.model_version_id = mv.id)
        HAVING count(*) > 0`;
  }

  findModelVersionsByIds(ids: readonly string[]): Promise<ModelVersionRow[]> {
    return this.prisma.modelVersion.findMany({ where: { id: { in: [...ids] } }, select: modelVersionSelect });
  }

  findProvidersByIds(ids: readonly string[]): Promise<ProviderRow[]> {
    return this.prisma.provider.findMany({ where: { id: { in: [...ids] } }, select: providerSelect });
  }

  findProviders(includeRetired: boolean): Promise<ProviderRow[]> {
    return this.prisma.provider.findMany({
      where: includeRetired ? {} : { retiredAt: null },
      select: providerSelect,
      orderBy: { name: 'asc' },
    });
  }

  countModelVersionsByProvider(providerIds: readonly string[]) {
    return this.prisma.modelVersion.groupBy({
      by: ['providerId'],
      where: { providerId: { in: [...providerIds] }, retiredAt: null },
      _count: { _all: true },
    });
  }

  findLicenses(includeRetired: boolean): Promise<LicenseRow[]> {
    return this.prisma.license.findMany({
      where: includeRetired ? {} : { retiredAt: null },
      select: licenseSelect,
      orderBy: [{ identifier: 'asc' }, { licenseVersion: 'asc' }],
    });
  }

  findLicensesByIds(ids: readonly string[]): Promise<LicenseRow[]> {
    return this.prisma.license.findMany({ where: { id: { in: [...ids] } }, select: licenseSelect });
  }

  findLicensesByIdentifiers(identifiers: readonly string[]): Promise<LicenseRow[]> {
    return this.prisma.license.findMany({
      where: { identifier: { in: [...identifiers] } },
      select: licenseSelect,
      orderBy: [{ retiredAt: { sort: 'desc', nulls: 'first' } }, { updatedAt: 'desc' }],
    });
  }

  findHostingTargets(includeRetired: boolean): Promise<HostingTargetRow[]> {
    return this.prisma.hostingTarget.findMany({
      where: includeRetired ? {} : { retiredAt: null },
      select: hostingTargetSelect,
      orderBy: { name: 'asc' },
    });
  }

  findHostingTargetsByIds(ids: readonly string[]): Promise<HostingTargetRow[]> {
    return this.prisma.hostingTarget.findMany({ where: { id: { in: [...ids] } }, select: hostingTargetSelect });
  }

  findDeploymentPage(where: Prisma.DeploymentWhereInput, skip: number, take: number): Promise<DeploymentRow[]> {
    return this.prisma.deployment.findMany({
      where,
      skip,
      take,
      select: deploymentSelect,
      orderBy: [{ status: 'asc' }, { createdAt: 'desc' }, { id: 'asc' }],
    });
  }

  countDeployments(where: Prisma.DeploymentWhereInput): Promise<number> {
    return this.prisma.deployment.count({ where });
  }

  findDeploymentsByIds(ids: readonly string[]): Promise<DeploymentRow[]> {
    return this.prisma.deployment.findMany({ where: { id: { in: [...ids] } }, select: deploymentSelect });
  }

  findDeploymentsOfVersions(versionIds: readonly string[]): Promise<DeploymentRow[]> {
    return this.prisma.deployment.findMany({
      where: { modelVersionId: { in: [...versionIds] } },
      select: deploymentSelect,
      orderBy: [{ status: 'asc' }, { createdAt: 'desc' }],
    });
  }

  countActiveDeploymentsOfVersions(versionIds: readonly string[]) {
    return this.prisma.deployment.groupBy({
      by: ['modelVersionId'],
      where: { modelVersionId: { in: [...versionIds] }, status: 'ACTIVE' },
      _count: { _all: true },
    });
  }

  findBasesOf(versionIds: readonly string[]) {
    return this.prisma.modelVersionBase.findMany({
      where: { modelVersionId: { in: [...versionIds] } },
      select: { modelVersionId: true, relation: true, base: { select: modelVersionSelect } },
    });
  }

  findDerivativesOf(versionIds: readonly string[]) {
    return this.prisma.modelVersionBase.findMany({
      where: { baseModelVersionId: { in: [...versionIds] } },
      select: { baseModelVersionId: true, relation: true, derivative: { select: modelVersionSelect } },
    });
  }

  findLicenseHistoryOf(versionIds: readonly string[]): Promise<LicenseHistoryRow[]> {
    return this.prisma.modelVersionLicense.findMany({
      where: { modelVersionId: { in: [...versionIds] } },
      select: licenseHistorySelect,
      orderBy: [{ effectiveFrom: 'desc' }, { recordedAt: 'desc' }],
    });
  }

  findWeightFilesOf(versionIds: readonly string[]): Promise<WeightFileRow[]> {
    return this.prisma.modelVersionWeightFile.findMany({
      where: { modelVersionId: { in: [...versionIds] } },
      select: weightFileSelect,
      orderBy: { path: 'asc' },
    });
  }

  findTeamsByIds(ids: readonly string[]) {
    return this.prisma.team.findMany({ where: { id: { in: [...ids] } }, select: { id: true, slug: true, name: true } });
  }

  findPeopleByIds(ids: readonly string[]) {
    return this.prisma.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, displayName: true, email: true } });
  }

  // ---- reads and writes inside a transaction

  findProvider(tx: Tx, id: string): Promise<ProviderRow | null> {
    return tx.provider.findUnique({ where: { id }, select: providerSelect });
  }

  findProviderByName(tx: Tx, name: string): Promise<ProviderRow | null> {
    return tx.provider.findUnique({ where: { name }, select: providerSelect });
  }

  keysStartingWith(tx: Tx, table: 'provider' | 'modelVersion', prefix: string): Promise<string[]> {
    const query = { where: { key: { startsWith: prefix } }, select: { key: true } };
    const rows = table === 'provider' ? tx.provider.findMany(query) : tx.modelVersion.findMany(query);
    return rows.then((list) => list.map((row) => row.key));
  }

  createProvider(tx: Tx, data: Prisma.ProviderUncheckedCreateInput): Promise<ProviderRow> {
    return tx.provider.create({ data, select: providerSelect });
  }

  /** Writes only when the row is still at `expectedVersion`; returns null otherwise. */
  async updateProvider(tx: Tx, id: string, expectedVersion: number, data: Prisma.ProviderUncheckedUpdateInput) {
    const { count } = await tx.provider.updateMany({
      where: { id, version: expectedVersion },
      data: { ...data, version: { increment: 1 } },
    });
    return count === 1 ? this.findProvider(tx, id) : null;
  }

  countActiveVersionsOfProvider(tx: Tx, providerId: string): Promise<number> {
    return tx.modelVersion.count({ where: { providerId, retiredAt: null } });
  }

  findLicense(tx: Tx, id: string): Promise<LicenseRow | null> {
    return tx.license.findUnique({ where: { id }, select: licenseSelect });
  }

  findLicenseByIdentifier(tx: Tx, identifier: string, licenseVersion: string): Promise<LicenseRow | null> {
    return tx.license.findUnique({ where: { identifier_licenseVersion: { identifier, licenseVersion } }, select: licenseSelect });
  }

  findAllLicenses(tx: Tx): Promise<LicenseRow[]> {
    return tx.license.findMany({ where: { retiredAt: null }, select: licenseSelect, orderBy: { updatedAt: 'asc' } });
  }

  createLicense(tx: Tx, data: Prisma.LicenseUncheckedCreateInput): Promise<LicenseRow> {
    return tx.license.create({ data, select: licenseSelect });
  }

  async updateLicense(tx: Tx, id: string, expectedVersion: number, data: Prisma.LicenseUncheckedUpdateInput) {
    const { count } = await tx.license.updateMany({
      where: { id, version: expectedVersion },
      data: { ...data, version: { increment: 1 } },
    });
    return count === 1 ? this.findLicense(tx, id) : null;
  }

  findModelVersion(tx: Tx, id: string): Promise<ModelVersionWithBasesRow | null> {
    return tx.modelVersion.findUnique({ where: { id }, select: modelVersionWithBasesSelect });
  }

  findModelVersionsByKeys(
    tx: Tx,
    pairs: readonly { providerId: string; versionName: string }[],
  ): Promise<ModelVersionWithBasesRow[]> {
    if (pairs.length === 0) return Promise.resolve([]);
    return tx.modelVersion.findMany({ where: { OR: pairs.map((pair) => ({ ...pair })) }, select: modelVersionWithBasesSelect });
  }

  existingVersionIds(tx: Tx, ids: readonly string[]): Promise<{ id: string; retiredAt: Date | null }[]> {
    return tx.modelVersion.findMany({ where: { id: { in: [...ids] } }, select: { id: true, retiredAt: true } });
  }

  createModelVersion(tx: Tx, data: Prisma.ModelVersionUncheckedCreateInput): Promise<ModelVersionRow> {
    return tx.modelVersion.create({ data, select: modelVersionSelect });
  }

  async updateModelVersion(tx: Tx, id: string, expectedVersion: number, data: Prisma.ModelVersionUncheckedUpdateInput) {
    const { count } = await tx.modelVersion.updateMany({
      where: { id, version: expectedVersion },
      data: { ...data, version: { increment: 1 } },
    });
    return count === 1 ? this.findModelVersion(tx, id) : null;
  }

  async replaceBases(tx: Tx, versionId: string, bases: readonly { modelVersionId: string; relation: string }[]) {
    await tx.modelVersionBase.deleteMany({ where: { modelVersionId: versionId } });
    if (bases.length) {
      await tx.modelVersionBase.createMany({
        data: bases.map((base) => ({
          modelVersionId: versionId,
          baseModelVersionId: base.modelVersionId,
          relation: base.relation as never,
        })),
      });
    }
  }

  findWeightFiles(tx: Tx, versionId: string): Promise<WeightFileRow[]> {
    return tx.modelVersionWeightFile.findMany({
      where: { modelVersionId: versionId },
      select: weightFileSelect,
      orderBy: { path: 'asc' },
    });
  }

  async replaceWeightFiles(
    tx: Tx,
    versionId: string,
    files: readonly { path: string; sha256: string; sizeBytes: number | null }[],
  ) {
    await tx.modelVersionWeightFile.deleteMany({ where: { modelVersionId: versionId } });
    await tx.modelVersionWeightFile.createMany({
      data: files.map((file) => ({
        modelVersionId: versionId,
        path: file.path,
        sha256: file.sha256,
        sizeBytes: file.sizeBytes === null ? null : BigInt(file.sizeBytes),
      })),
    });
  }

  addLicenseEntry(tx: Tx, data: Prisma.ModelVersionLicenseUncheckedCreateInput) {
    return tx.modelVersionLicense.create({ data, select: licenseHistorySelect });
  }

  countActiveDeploymentsOfVersion(tx: Tx, modelVersionId: string): Promise<number> {
    return tx.deployment.count({ where: { modelVersionId, status: 'ACTIVE' } });
  }

  /** Every version with its bases and current license: what derived facts are computed from. */
  findLineage(tx: Tx): Promise<LineageRow[]> {
    return tx.modelVersion.findMany({
      select: {
        id: true,
        developerCountry: true,
        declaredLicense: true,
        concludedLicense: true,
        bases: { select: { baseModelVersionId: true, relation: true } },
      },
    });
  }

  /** One statement for any number of rows; rows whose facts did not change are not written. */
  async writeDerivedFacts(tx: Tx, updates: readonly DerivedFactsUpdate[]): Promise<void> {
    for (let start = 0; start < updates.length; start += 5000) {
      const chunk = JSON.stringify(
        updates.slice(start, start + 5000).map((u) => ({
          id: u.id,
          origin: u.effectiveOrigin,
          cls: u.licenseClass,
          obl: u.obligations,
          problem: u.lineageProblem,
        })),
      );
      await tx.$executeRaw`
        UPDATE "model_version" AS mv
        SET "effective_origin" = d.origin::varchar(2)[], "license_class" = d.cls, "obligations" = d.obl, "lineage_problem" = d.problem
        FROM jsonb_to_recordset(${chunk}::jsonb) AS d(id uuid, origin text[], cls text, obl jsonb, problem text)
        WHERE mv."id" = d.id
          AND (mv."effective_origin" IS DISTINCT FROM d.origin::varchar(2)[] OR mv."license_class" IS DISTINCT FROM d.cls
               OR mv."obligations" IS DISTINCT FROM d.obl OR mv."lineage_problem" IS DISTINCT FROM d.problem)`;
    }
  }

  findHostingTarget(tx: Tx, id: string): Promise<HostingTargetRow | null> {
    return tx.hostingTarget.findUnique({ where: { id }, select: hostingTargetSelect });
  }

  findHostingTargetByName(tx: Tx, name: string): Promise<HostingTargetRow | null> {
    return tx.hostingTarget.findUnique({ where: { name }, select: hostingTargetSelect });
  }

  createHostingTarget(tx: Tx, data: Prisma.HostingTargetUncheckedCreateInput): Promise<HostingTargetRow> {
    return tx.hostingTarget.create({ data, select: hostingTargetSelect });
  }

  async updateHostingTarget(tx: Tx, id: string, expectedVersion: number, data: Prisma.HostingTargetUncheckedUpdateInput) {
    const { count } = await tx.hostingTarget.updateMany({
      where: { id, version: expectedVersion },
      data: { ...data, version: { increment: 1 } },
    });
    return count === 1 ? this.findHostingTarget(tx, id) : null;
  }

  countActiveDeploymentsOnTarget(tx: Tx, hostingTargetId: string): Promise<number> {
    return tx.deployment.count({ where: { hostingTargetId, status: 'ACTIVE' } });
  }

  findDeployment(tx: Tx, id: string): Promise<DeploymentRow | null> {
    return tx.deployment.findUnique({ where: { id }, select: deploymentSelect });
  }

  /** For tokens bound to a person: members write their teams' deployments, compliance officers any. */
  async mayPersonWriteTeamDeployments(tx: Tx, userId: string, teamId: string): Promise<boolean> {
    const person = await tx.user.findUnique({
      where: { id: userId },
      select: { roles: true, disabledAt: true, memberships: { where: { teamId }, select: { teamId: true } } },
    });
    if (!person || person.disabledAt) return false;
    return person.roles.includes('COMPLIANCE_OFFICER') || (person.roles.includes('ENGINEER') && person.memberships.length > 0);
  }

  teamExists(tx: Tx, id: string): Promise<boolean> {
    return tx.team.count({ where: { id } }).then((n) => n > 0);
  }

  createDeployment(tx: Tx, data: Prisma.DeploymentUncheckedCreateInput): Promise<DeploymentRow> {
    return tx.deployment.create({ data, select: deploymentSelect });
  }

  async updateDeployment(tx: Tx, id: string, expectedVersion: number, data: Prisma.DeploymentUncheckedUpdateInput) {
    const { count } = await tx.deployment.updateMany({
      where: { id, version: expectedVersion },
      data: { ...data, version: { increment: 1 } },
    });
    return count === 1 ? this.findDeployment(tx, id) : null;
  }

  /** Versions whose current license expression names this license id. */
  async versionIdsUsingLicense(tx: Tx, identifier: string): Promise<string[]> {
    const candidates = await tx.modelVersion.findMany({
      where: { OR: [{ declaredLicense: { contains: identifier } }, { concludedLicense: { contains: identifier } }] },
      select: { id: true, declaredLicense: true, concludedLicense: true },
    });
    return candidates
      .filter((row) => {
        const expression = row.concludedLicense ?? row.declaredLicense;
        return parseSpdxExpression(expression).ok && licenseIdsIn(expression).includes(identifier);
      })
      .map((row) => row.id);
  }
}
