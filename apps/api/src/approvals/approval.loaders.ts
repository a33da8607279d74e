import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { AuditService, type RecordChange } from '../audit/audit.service.js';
import type { ApprovalRequestColumn, ListedApprovalRequestRow } from './approval-mappers.js';
import {
  ApprovalsRepository,
  type ApprovalRequestRow,
  type EvidenceRow,
  type RiskReviewRow,
  type VoteRow,
} from './approvals.repository.js';

function grouped<T>(load: (ids: readonly string[]) => Promise<T[]>, keyOf: (row: T) => string): DataLoader<string, T[]> {
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

function keyedByColumns<T>(
  create: (columns: readonly ApprovalRequestColumn[]) => T,
): (columns: readonly ApprovalRequestColumn[]) => T {
  const byColumns = new Map<string, T>();
  return (columns) => {
    const key = columns.join();
    let loader = byColumns.get(key);
    if (!loader) byColumns.set(key, (loader = create(columns)));
    return loader;
  };
}

export type ApprovalLoaderSet = {
  request: DataLoader<string, ApprovalRequestRow | null>;
  /**
   * The cycles of a model version, batched over a page of versions, read with `id`, `modelVersionId` and these
   * columns: one loader (and statement) per set of columns a request asks for.
   */
  ofModelVersion: (columns: readonly ApprovalRequestColumn[]) => DataLoader<string, ListedApprovalRequestRow[]>;
  reviewsOf: DataLoader<string, RiskReviewRow[]>;
  votesOf: DataLoader<string, VoteRow[]>;
  evidenceOf: DataLoader<string, EvidenceRow[]>;
  person: DataLoader<string, { id: string; displayName: string; email: string } | null>;
  requestHistory: DataLoader<string, RecordChange[]>;
  reviewHistory: DataLoader<string, RecordChange[]>;
};

/** One set of DataLoaders per GraphQL request, so lists of requests cost a few statements, not one per row. */
@Injectable()
export class ApprovalLoaders {
  private readonly perRequest = new WeakMap<object, ApprovalLoaderSet>();

  constructor(
    private readonly approvals: ApprovalsRepository,
    private readonly audit: AuditService,
  ) {}

  for(context: object): ApprovalLoaderSet {
    let set = this.perRequest.get(context);
    if (!set) {
      set = this.create();
      this.perRequest.set(context, set);
    }
    return set;
  }

  private create(): ApprovalLoaderSet {
    const { approvals, audit } = this;
    const history = (entityType: string) =>
      new DataLoader<string, RecordChange[]>(async (ids) => {
        const found = await audit.historyOf(entityType, ids, 200);
        return ids.map((id) => found.get(id) ?? []);
      });
    return {
      request: new DataLoader(async (ids) => {
        const rows = new Map((await approvals.findRequestsByIds(ids)).map((row) => [row.id, row]));
        return ids.map((id) => rows.get(id) ?? null);
      }),
      ofModelVersion: keyedByColumns((columns) =>
        grouped<ListedApprovalRequestRow>(
          (ids) => approvals.findByModelVersions(ids, columns),
          (row) => row.modelVersionId,
        ),
      ),
      reviewsOf: grouped(
        (ids) => approvals.reviewsOfRequests(ids),
        (row) => row.requestId,
      ),
      votesOf: grouped(
        (ids) => approvals.votesOfRequests(ids),
        (row) => row.requestId,
      ),
      evidenceOf: grouped(
        (ids) => approvals.evidenceOfReviews(ids),
        (row) => row.reviewId,
      ),
      person: new DataLoader(async (ids) => {
        const rows = new Map((await approvals.findPeopleByIds(ids)).map((row) => [row.id, row]));
        return ids.map((id) => rows.get(id) ?? null);
      }),
      requestHistory: history('ApprovalRequest'),
      reviewHistory: history('RiskReview'),
    };
  }
}
