import type { CountryCode } from './country-codes.js';
import type { LineageRelation } from './enums.js';
import { combinedObligations, type LicenseObligations, type LicenseTerms } from './licenses.js';

export type LineageBase = { modelVersionId: string; relation: LineageRelation };

/** What lineage computations need to know about one model version. */
export type LineageNode = {
  id: string;
  developerCountry: CountryCode;
  /** Direct bases; several for a merge. */
  bases: readonly LineageBase[];
  /** The concluded (else declared) license's terms; null or absent when unknown. */
  licenseTerms?: LicenseTerms | null;
};

export type LineageGraph = ReadonlyMap<string, LineageNode>;

/** A `CYCLE` starts and ends with the same version, e.g. [a, b, a]; `referencedBy` is null for the start version. */
export type LineageError =
  { kind: 'CYCLE'; cycle: string[] } | { kind: 'MISSING_VERSION'; modelVersionId: string; referencedBy: string | null };

export type LineageResult<T> = { ok: true; value: T } | { ok: false; error: LineageError };

export type LineageAncestor = {
  modelVersionId: string;
  /** 1 for a direct base; the shortest distance when there are several paths. */
  depth: number;
};

export type LineageStep = {
  modelVersionId: string;
  /** How the previous step's version derives from this one; null on the first step. */
  relation: LineageRelation | null;
};

export const MAX_LINEAGE_CHAINS = 1000;

export function buildLineageGraph(nodes: Iterable<LineageNode>): LineageGraph {
  return new Map([...nodes].map((node) => [node.id, node]));
}

/**
 * Every version reachable through `bases`, nearest first. Bad data may contain a cycle or a dangling
 * base; both come back as an error value, and the walk always ends (each version is entered once).
 */
export function lineageAncestors(versionId: string, graph: LineageGraph): LineageResult<LineageAncestor[]> {
  const checked = checkAcyclic(versionId, graph);
  if (!checked.ok) return checked;
  const depths = new Map<string, number>([[versionId, 0]]);
  const queue = [versionId];
  for (let index = 0; index < queue.length; index++) {
    const id = queue[index]!;
    const depth = depths.get(id)!;
    for (const base of graph.get(id)!.bases) {
      if (depths.has(base.modelVersionId)) continue;
      depths.set(base.modelVersionId, depth + 1);
      queue.push(base.modelVersionId);
    }
  }
  return {
    ok: true,
    value: queue.slice(1).map((modelVersionId) => ({ modelVersionId, depth: depths.get(modelVersionId)! })),
  };
}

// Iterative depth-first search, so a long chain cannot overflow the call stack.
function checkAcyclic(versionId: string, graph: LineageGraph): LineageResult<null> {
  if (!graph.has(versionId))
    return { ok: false, error: { kind: 'MISSING_VERSION', modelVersionId: versionId, referencedBy: null } };
  const done = new Set<string>();
  const onPath = new Set<string>([versionId]);
  const stack: { id: string; next: number }[] = [{ id: versionId, next: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const base = graph.get(frame.id)!.bases[frame.next++];
    if (base === undefined) {
      stack.pop();
      onPath.delete(frame.id);
      done.add(frame.id);
      continue;
    }
    const baseId = base.modelVersionId;
    if (done.has(baseId)) continue;
    if (onPath.has(baseId)) {
      const path = stack.map((entry) => entry.id);
      return { ok: false, error: { kind: 'CYCLE', cycle: [...path.slice(path.indexOf(baseId)), baseId] } };
    }
    if (!graph.has(baseId)) {
      return { ok: false, error: { kind: 'MISSING_VERSION', modelVersionId: baseId, referencedBy: frame.id } };
    }
    onPath.add(baseId);
    stack.push({ id: baseId, next: 0 });
  }
  return { ok: true, value: null };
}

/**
 * The developer countries of the version and all its ancestors, sorted: a derivative is still of its
 * bases' origin (a US fine-tune of Qwen is {CN, US}).
 */
export function effectiveOrigin(versionId: string, graph: LineageGraph): LineageResult<CountryCode[]> {
  const ancestors = lineageAncestors(versionId, graph);
  if (!ancestors.ok) return ancestors;
  const ids = [versionId, ...ancestors.value.map((ancestor) => ancestor.modelVersionId)];
  const countries = new Set(ids.map((id) => graph.get(id)!.developerCountry));
  return { ok: true, value: [...countries].sort() };
}

/**
 * Every path from the version down to a version with no bases, each starting with the version itself.
 * Merges fan out, so the number of paths can grow quickly; it is capped at MAX_LINEAGE_CHAINS.
 */
export function lineageChains(
  versionId: string,
  graph: LineageGraph,
): LineageResult<{ chains: LineageStep[][]; truncated: boolean }> {
  const checked = checkAcyclic(versionId, graph);
  if (!checked.ok) return checked;
  const chains: LineageStep[][] = [];
  let truncated = false;
  const pending: LineageStep[][] = [[{ modelVersionId: versionId, relation: null }]];
  while (pending.length > 0) {
    const chain = pending.pop()!;
    const bases = graph.get(chain[chain.length - 1]!.modelVersionId)!.bases;
    if (bases.length === 0) {
      if (chains.length === MAX_LINEAGE_CHAINS) {
        truncated = true;
        break;
      }
      chains.push(chain);
      continue;
    }
    for (const base of [...bases].reverse())
      pending.push([...chain, { modelVersionId: base.modelVersionId, relation: base.relation }]);
  }
  return { ok: true, value: { chains, truncated } };
}

/** The license obligations of the version combined with those of every ancestor. */
export function licenseObligationsAlongLineage(versionId: string, graph: LineageGraph): LineageResult<LicenseObligations> {
  const ancestors = lineageAncestors(versionId, graph);
  if (!ancestors.ok) return ancestors;
  const ids = [versionId, ...ancestors.value.map((ancestor) => ancestor.modelVersionId)];
  return { ok: true, value: combinedObligations(ids.map((id) => graph.get(id)!.licenseTerms ?? null)) };
}

/** A sentence for people, e.g. for a ValidationError when a new base would close a cycle. */
export function describeLineageError(error: LineageError): string {
  if (error.kind === 'CYCLE') return `The lineage contains a cycle: ${error.cycle.join(' → ')}.`;
  return error.referencedBy === null
    ? `Model version "${error.modelVersionId}" is not in the lineage data.`
    : `Model version "${error.referencedBy}" names base "${error.modelVersionId}", which is not in the lineage data.`;
}
