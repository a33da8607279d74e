import type { CountryCode } from './country-codes.js';
import {
  classifyLicense,
  combinedObligations,
  type LicenseClass,
  licenseIdsIn,
  parseSpdxExpression,
  type LicenseObligations,
  type LicenseTerms,
} from './licenses.js';
import { describeLineageError, lineageAncestors, type LineageBase } from './lineage.js';

/** What the derived facts of a version are computed from. */
export type InventoryNode = {
  id: string;
  developerCountry: CountryCode;
  bases: readonly LineageBase[];
  /** The concluded license expression when there is one, else the declared one. */
  licenseExpression: string;
};

/** Facts stored beside each version so lists can filter on them; recomputed on every relevant change. */
export type DerivedFacts = {
  effectiveOrigin: CountryCode[];
  obligations: LicenseObligations;
  licenseClass: LicenseClass;
  /** Why lineage could not be followed (a cycle, a missing base); the facts then cover the version alone. */
  lineageProblem: string | null;
};

/**
 * The terms of every license named in an expression; an unknown id or an invalid expression counts as
 * unknown terms (null). `A OR B` is treated like `A AND B`: until someone concludes which one applies,
 * the obligations of both are assumed.
 */
export function termsOfExpression(expression: string, termsById: ReadonlyMap<string, LicenseTerms>): (LicenseTerms | null)[] {
  if (!parseSpdxExpression(expression).ok) return [null];
  return licenseIdsIn(expression).map((id) => termsById.get(id) ?? null);
}

export function deriveFacts(
  versionId: string,
  graph: ReadonlyMap<string, InventoryNode>,
  termsById: ReadonlyMap<string, LicenseTerms>,
): DerivedFacts {
  const self = graph.get(versionId);
  if (!self) throw new Error(`Model version ${versionId} is not in the graph`);
  const ancestors = lineageAncestors(versionId, graph);
  const lineage = ancestors.ok ? [self, ...ancestors.value.map((a) => graph.get(a.modelVersionId)!)] : [self];
  const obligations = combinedObligations(lineage.flatMap((node) => termsOfExpression(node.licenseExpression, termsById)));
  return {
    effectiveOrigin: [...new Set(lineage.map((node) => node.developerCountry))].sort(),
    obligations,
    licenseClass: classifyLicense(obligations),
    lineageProblem: ancestors.ok ? null : describeLineageError(ancestors.error),
  };
}

/** The versions whose derived facts depend on the given ones: themselves and every derivative, transitively. */
export function withDescendants(
  ids: Iterable<string>,
  graph: ReadonlyMap<string, { bases: readonly LineageBase[] }>,
): Set<string> {
  const derivativesOf = new Map<string, string[]>();
  for (const [id, node] of graph) {
    for (const base of node.bases) {
      const list = derivativesOf.get(base.modelVersionId) ?? [];
      list.push(id);
      derivativesOf.set(base.modelVersionId, list);
    }
  }
  const result = new Set(ids);
  const queue = [...result];
  while (queue.length > 0) {
    for (const derivative of derivativesOf.get(queue.pop()!) ?? []) {
      if (!result.has(derivative)) {
        result.add(derivative);
        queue.push(derivative);
      }
    }
  }
  return result;
}
