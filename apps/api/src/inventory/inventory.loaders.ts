import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { ListedApprovalRequestRow } from '../approvals/approval-mappers.js';
import { AuditService, type RecordChange } from '../audit/audit.service.js';
import { InventoryRepository, type ListedProvider, type ModelVersionListRow } from './inventory.repository.js';
import type {
  DeploymentRow,
  HostingTargetRow,
  LicenseHistoryRow,
  LicenseRow,
  ModelVersionRow,
  ProviderRow,
  WeightFileRow,
} from './inventory.selects.js';

type Lookup<T> = DataLoader<string, T>;

export type InventoryLoaderSet = {
  provider: Lookup<ProviderRow | null>;
  modelVersion: Lookup<ModelVersionRow | null>;
  /** The catalog entry for a license id: the one in force (not retired), else the newest. */
  licenseByIdentifier: Lookup<LicenseRow | null>;
  activeDeploymentCount: Lookup<number>;
  activeVersionCountOfProvider: Lookup<number>;
  deploymentsOfVersion: Lookup<DeploymentRow[]>;
  basesOf: Lookup<{ relation: string; row: ModelVersionRow }[]>;
  derivativesOf: Lookup<{ relation: string; row: ModelVersionRow }[]>;
  licenseHistory: Lookup<LicenseHistoryRow[]>;
  weightFiles: Lookup<WeightFileRow[]>;
  hostingTarget: Lookup<HostingTargetRow | null>;
  team: Lookup<{ id: string; slug: string; name: string } | null>;
  person: Lookup<{ id: string; displayName: string; email: string } | null>;
  modelVersionHistory: Lookup<RecordChange[]>;
  providerHistory: Lookup<RecordChange[]>;
  deploymentHistory: Lookup<RecordChange[]>;
};

/**
 * What a list page read of a row, kept on the version it answers with under a key no one else has (cheaper than a
 * WeakMap for the many short-lived versions of each page; GraphQL and JSON do not see symbol keys).
 */
const LISTING = Symbol('list page row');
type Listed = { [LISTING]?: ModelVersionListRow };

/** How many of a record's latest changes are shown beside it; the audit explorer has the rest. */
export const HISTORY_PER_RECORD = 50;

function byId<T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>): Lookup<T | null> {
  return new DataLoader(async (ids) => {
    const rows = new Map((await load(ids)).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}

function grouped<T>(load: (ids: readonly string[]) => Promise<T[]>, keyOf: (row: T) => string): Lookup<T[]> {
  return new DataLoader(async (ids) => {
    const groups = new Map<string, T[]>();
    for (const row of await load(ids)) {
      const group = groups.get(keyOf(row));
      if (group) group.push(row);
      else groups.set(keyOf(row), [row]);
    }
    return ids.map((id) => groups.get(id) ?? []);
  });
}

function counted(load: (ids: readonly string[]) => Promise<{ key: string; count: number }[]>): Lookup<number> {
  return new DataLoader(async (ids) => {
    const counts = new Map((await load(ids)).map((row) => [row.key, row.count]));
    return ids.map((id) => counts.get(id) ?? 0);
  });
}

/**
 * One set of DataLoaders per GraphQL request (keyed by its context object), so nested fields of a list
 * cost one statement per field however long the list is.
 */
@Injectable()
export class InventoryLoaders {
  private readonly perRequest = new WeakMap<object, InventoryLoaderSet>();

  constructor(
    private readonly inventory: InventoryRepository,
    private readonly audit: AuditService,
  ) {}

  for(context: object): InventoryLoaderSet {
    let set = this.perRequest.get(context);
    if (!set) {
      set = this.create();
      this.perRequest.set(context, set);
    }
    return set;
  }

  /**
   * Keeps what the list page read of each of its rows beside the version it answers with (`nodes`, in the order of
   * `rows`), so those fields of its rows cost no statement. Only that node sees it: the provider holds only the
   * columns that list's query selects, the approval requests only theirs, so they are not shared through a loader.
   */
  rememberListPage(rows: readonly ModelVersionListRow[], nodes: readonly object[]): void {
    rows.forEach((row, index) => ((nodes[index] as Listed)[LISTING] = row));
  }

  /** The provider of a version from a list page, as that page read it; undefined for versions read otherwise. */
  listedProviderOf(version: object): ListedProvider | undefined {
    return (version as Listed)[LISTING]?.provider ?? undefined;
  }

  /** The active deployments of a version from a list page that counted them; undefined otherwise. */
  listedDeploymentCountOf(version: object): number | undefined {
    return (version as Listed)[LISTING]?.activeDeploymentCount ?? undefined;
  }

  /** The approval requests of a version from a list page that read them (newest first); undefined otherwise. */
  listedApprovalRequestsOf(version: object): ListedApprovalRequestRow[] | undefined {
    return (version as Listed)[LISTING]?.approvalRequests ?? undefined;
  }

  private create(): InventoryLoaderSet {
    const inventory = this.inventory;
    return {
      provider: byId((ids) => inventory.findProvidersByIds(ids)),
      modelVersion: byId((ids) => inventory.findModelVersionsByIds(ids)),
      licenseByIdentifier: new DataLoader(async (identifiers) => {
        const rows = await inventory.findLicensesByIdentifiers(identifiers);
        return identifiers.map((identifier) => rows.find((row) => row.identifier === identifier) ?? null);
      }),
      activeDeploymentCount: counted(async (ids) =>
        (await inventory.countActiveDeploymentsOfVersions(ids)).map((row) => ({
          key: row.modelVersionId,
          count: row._count._all,
        })),
      ),
      activeVersionCountOfProvider: counted(async (ids) =>
        (await inventory.countModelVersionsByProvider(ids)).map((row) => ({ key: row.providerId, count: row._count._all })),
      ),
      deploymentsOfVersion: grouped(
        (ids) => inventory.findDeploymentsOfVersions(ids),
        (row) => row.modelVersionId,
      ),
      basesOf: new DataLoader(async (ids) => {
        const rows = await inventory.findBasesOf(ids);
        return ids.map((id) =>
          rows.filter((row) => row.modelVersionId === id).map((row) => ({ relation: row.relation, row: row.base })),
        );
      }),
      derivativesOf: new DataLoader(async (ids) => {
        const rows = await inventory.findDerivativesOf(ids);
        return ids.map((id) =>
          rows.filter((row) => row.baseModelVersionId === id).map((row) => ({ relation: row.relation, row: row.derivative })),
        );
      }),
      licenseHistory: grouped(
        (ids) => inventory.findLicenseHistoryOf(ids),
        (row) => row.modelVersionId,
      ),
      weightFiles: grouped(
        (ids) => inventory.findWeightFilesOf(ids),
        (row) => row.modelVersionId,
      ),
      hostingTarget: byId((ids) => inventory.findHostingTargetsByIds(ids)),
      team: byId((ids) => inventory.findTeamsByIds(ids)),
      person: byId((ids) => inventory.findPeopleByIds(ids)),
      modelVersionHistory: this.history('ModelVersion'),
      providerHistory: this.history('Provider'),
      deploymentHistory: this.history('Deployment'),
    };
  }

  private history(entityType: string): Lookup<RecordChange[]> {
    return new DataLoader(async (ids) => {
      const history = await this.audit.historyOf(entityType, ids, HISTORY_PER_RECORD);
      return ids.map((id) => history.get(id) ?? []);
    });
  }
}
