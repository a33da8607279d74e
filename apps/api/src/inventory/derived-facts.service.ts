import { Injectable } from '@nestjs/common';
import {
  deriveFacts,
  lineageAncestors,
  withDescendants,
  type CountryCode,
  type InventoryNode,
  type LicenseTerms,
  type LineageRelation,
  type LineageError,
} from '@modelgate/domain/inventory';
import type { Tx } from '../audit/audit.repository.js';
import { termsOf } from './inventory.mappers.js';
import { InventoryRepository, type DerivedFactsUpdate, type LineageRow } from './inventory.repository.js';

export type LineageSnapshot = {
  graph: Map<string, InventoryNode>;
  termsById: Map<string, LicenseTerms>;
};

const toNode = (row: LineageRow): InventoryNode => ({
  id: row.id,
  developerCountry: row.developerCountry as CountryCode,
  bases: row.bases.map((base) => ({ modelVersionId: base.baseModelVersionId, relation: base.relation as LineageRelation })),
  licenseExpression: row.concludedLicense ?? row.declaredLicense,
});

/**
 * Keeps the stored effective origin and license obligations of every version true. Call it in the
 * transaction that changed lineage, a version's origin or license, or the license catalog.
 */
@Injectable()
export class DerivedFactsService {
  constructor(private readonly inventory: InventoryRepository) {}

  async snapshot(tx: Tx): Promise<LineageSnapshot> {
    const rows = await this.inventory.findLineage(tx);
    const licenses = await this.inventory.findAllLicenses(tx);
    return {
      graph: new Map(rows.map((row) => [row.id, toNode(row)])),
      // Oldest first, so the most recently updated entry of an identifier wins.
      termsById: new Map(licenses.map((license) => [license.identifier, termsOf(license)])),
    };
  }

  /** A cycle (or dangling base) that `bases` would create for the version, given the stored lineage. */
  wouldBreakLineage(snapshot: LineageSnapshot, node: InventoryNode): LineageError | null {
    const graph = new Map(snapshot.graph).set(node.id, node);
    const result = lineageAncestors(node.id, graph);
    return result.ok ? null : result.error;
  }

  /** Recomputes the changed versions and everything derived from them ('all' after a license-catalog change). */
  async refresh(tx: Tx, changed: Iterable<string> | 'all'): Promise<void> {
    await this.write(tx, this.derive(await this.snapshot(tx), changed));
  }

  /**
   * The facts of the changed versions and everything derived from them, computed from a snapshot the caller
   * keeps up to date with its own changes (a bulk import derives the facts before it writes the versions).
   */
  derive(snapshot: LineageSnapshot, changed: Iterable<string> | 'all'): DerivedFactsUpdate[] {
    const { graph, termsById } = snapshot;
    const ids = changed === 'all' ? graph.keys() : withDescendants(changed, graph);
    return [...ids].map((id) => {
      const facts = deriveFacts(id, graph, termsById);
      return {
        id,
        effectiveOrigin: facts.effectiveOrigin,
        licenseClass: facts.licenseClass,
        obligations: facts.obligations,
        lineageProblem: facts.lineageProblem,
      };
    });
  }

  /** Stores derived facts; rows whose facts did not change are not written. */
  write(tx: Tx, updates: readonly DerivedFactsUpdate[]): Promise<void> {
    return this.inventory.writeDerivedFacts(tx, updates);
  }
}
