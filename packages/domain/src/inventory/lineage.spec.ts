import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { CountryCode } from './country-codes.js';
import type { LicenseTerms } from './licenses.js';
import {
  buildLineageGraph,
  describeLineageError,
  effectiveOrigin,
  licenseObligationsAlongLineage,
  lineageAncestors,
  lineageChains,
  MAX_LINEAGE_CHAINS,
  type LineageBase,
  type LineageGraph,
  type LineageNode,
} from './lineage.js';

const mit: LicenseTerms = {
  commercialUse: 'ALLOWED',
  userCap: null,
  attributionRequired: false,
  attributionText: null,
  acceptableUsePolicyUrl: null,
  shareAlike: false,
  researchOnly: false,
};
const llama: LicenseTerms = {
  ...mit,
  commercialUse: 'CONDITIONAL',
  userCap: 700_000_000,
  attributionRequired: true,
  attributionText: 'Built with Llama',
  acceptableUsePolicyUrl: 'https://www.llama.com/llama3_3/use-policy/',
};

const node = (
  id: string,
  developerCountry: CountryCode,
  bases: LineageBase[] = [],
  licenseTerms?: LicenseTerms | null,
): LineageNode => ({
  id,
  developerCountry,
  bases,
  licenseTerms,
});

const catalog = buildLineageGraph([
  node('llama-3.3-70b-instruct', 'US', [], llama),
  node('deepseek-v3-base', 'CN', [], mit),
  node('deepseek-r1', 'CN', [{ modelVersionId: 'deepseek-v3-base', relation: 'FINE_TUNE' }], mit),
  node(
    'deepseek-r1-distill-llama-70b',
    'CN',
    [
      { modelVersionId: 'llama-3.3-70b-instruct', relation: 'FINE_TUNE' },
      { modelVersionId: 'deepseek-r1', relation: 'DISTILLATION' },
    ],
    mit,
  ),
  node('qwen2.5-7b-instruct', 'CN', [], null),
  node('acme-support-7b', 'US', [{ modelVersionId: 'qwen2.5-7b-instruct', relation: 'FINE_TUNE' }], mit),
  node('acme-support-7b-awq', 'US', [{ modelVersionId: 'acme-support-7b', relation: 'QUANTIZATION' }], mit),
]);

describe('effectiveOrigin', () => {
  it('collects the developer countries of every base, transitively', () => {
    expect(effectiveOrigin('deepseek-r1-distill-llama-70b', catalog)).toEqual({ ok: true, value: ['CN', 'US'] });
    expect(effectiveOrigin('acme-support-7b', catalog)).toEqual({ ok: true, value: ['CN', 'US'] });
    expect(effectiveOrigin('acme-support-7b-awq', catalog)).toEqual({ ok: true, value: ['CN', 'US'] });
    expect(effectiveOrigin('llama-3.3-70b-instruct', catalog)).toEqual({ ok: true, value: ['US'] });
  });

  it('reports a cycle as an error value', () => {
    const graph = buildLineageGraph([
      node('a', 'US', [{ modelVersionId: 'b', relation: 'FINE_TUNE' }]),
      node('b', 'CN', [{ modelVersionId: 'c', relation: 'MERGE' }]),
      node('c', 'FR', [{ modelVersionId: 'a', relation: 'ADAPTER' }]),
      node('d', 'AE', [{ modelVersionId: 'b', relation: 'FINE_TUNE' }]),
    ]);
    expect(effectiveOrigin('d', graph)).toEqual({ ok: false, error: { kind: 'CYCLE', cycle: ['b', 'c', 'a', 'b'] } });
    const selfLoop = buildLineageGraph([node('x', 'US', [{ modelVersionId: 'x', relation: 'FINE_TUNE' }])]);
    const result = effectiveOrigin('x', selfLoop);
    expect(result).toEqual({ ok: false, error: { kind: 'CYCLE', cycle: ['x', 'x'] } });
    if (!result.ok) expect(describeLineageError(result.error)).toBe('The lineage contains a cycle: x → x.');
  });

  it('reports a missing version or base', () => {
    expect(effectiveOrigin('nope', catalog)).toEqual({
      ok: false,
      error: { kind: 'MISSING_VERSION', modelVersionId: 'nope', referencedBy: null },
    });
    const dangling = buildLineageGraph([node('a', 'US', [{ modelVersionId: 'gone', relation: 'FINE_TUNE' }])]);
    const result = effectiveOrigin('a', dangling);
    expect(result).toEqual({ ok: false, error: { kind: 'MISSING_VERSION', modelVersionId: 'gone', referencedBy: 'a' } });
    if (!result.ok) expect(describeLineageError(result.error)).toContain('names base "gone"');
  });

  it('walks a very long chain without overflowing the stack', () => {
    const length = 100_000;
    const nodes = Array.from({ length }, (_, index) =>
      node(
        `v${index}`,
        index === 0 ? 'CN' : 'US',
        index === 0 ? [] : [{ modelVersionId: `v${index - 1}`, relation: 'FINE_TUNE' }],
      ),
    );
    expect(effectiveOrigin(`v${length - 1}`, buildLineageGraph(nodes))).toEqual({ ok: true, value: ['CN', 'US'] });
  });
});

describe('lineage ancestors and chains', () => {
  it('lists ancestors nearest first with their shortest distance', () => {
    expect(lineageAncestors('deepseek-r1-distill-llama-70b', catalog)).toEqual({
      ok: true,
      value: [
        { modelVersionId: 'llama-3.3-70b-instruct', depth: 1 },
        { modelVersionId: 'deepseek-r1', depth: 1 },
        { modelVersionId: 'deepseek-v3-base', depth: 2 },
      ],
    });
    expect(lineageAncestors('deepseek-v3-base', catalog)).toEqual({ ok: true, value: [] });
  });

  it('lists every path down to a root, with the relation of each step', () => {
    expect(lineageChains('deepseek-r1-distill-llama-70b', catalog)).toEqual({
      ok: true,
      value: {
        truncated: false,
        chains: [
          [
            { modelVersionId: 'deepseek-r1-distill-llama-70b', relation: null },
            { modelVersionId: 'llama-3.3-70b-instruct', relation: 'FINE_TUNE' },
          ],
          [
            { modelVersionId: 'deepseek-r1-distill-llama-70b', relation: null },
            { modelVersionId: 'deepseek-r1', relation: 'DISTILLATION' },
            { modelVersionId: 'deepseek-v3-base', relation: 'FINE_TUNE' },
          ],
        ],
      },
    });
  });

  it('caps the number of chains when merges fan out', () => {
    // 12 layers of diamonds: 2^12 paths through 25 versions.
    const nodes: LineageNode[] = [node('m0', 'US')];
    for (let layer = 1; layer <= 12; layer++) {
      const below = `m${layer - 1}`;
      nodes.push(node(`l${layer}`, 'US', [{ modelVersionId: below, relation: 'FINE_TUNE' }]));
      nodes.push(node(`r${layer}`, 'US', [{ modelVersionId: below, relation: 'FINE_TUNE' }]));
      nodes.push(
        node(`m${layer}`, 'US', [
          { modelVersionId: `l${layer}`, relation: 'MERGE' },
          { modelVersionId: `r${layer}`, relation: 'MERGE' },
        ]),
      );
    }
    const result = lineageChains('m12', buildLineageGraph(nodes));
    expect(result.ok && result.value.chains.length).toBe(MAX_LINEAGE_CHAINS);
    expect(result.ok && result.value.truncated).toBe(true);
    expect(lineageAncestors('m12', buildLineageGraph(nodes))).toMatchObject({ ok: true, value: { length: 36 } });
  });
});

describe('licenseObligationsAlongLineage', () => {
  it("carries the base's obligations into the derivative", () => {
    expect(licenseObligationsAlongLineage('deepseek-r1-distill-llama-70b', catalog)).toEqual({
      ok: true,
      value: {
        commercialUse: 'CONDITIONAL',
        userCap: 700_000_000,
        attributionRequired: true,
        attributionTexts: ['Built with Llama'],
        acceptableUsePolicyUrls: ['https://www.llama.com/llama3_3/use-policy/'],
        shareAlike: false,
        researchOnly: false,
        incomplete: false,
      },
    });
  });

  it('marks the obligations incomplete when an ancestor has no known license', () => {
    expect(licenseObligationsAlongLineage('acme-support-7b-awq', catalog)).toMatchObject({
      ok: true,
      value: { incomplete: true },
    });
  });

  it('reports cycles instead of obligations', () => {
    const graph = buildLineageGraph([node('a', 'US', [{ modelVersionId: 'a', relation: 'MERGE' }], mit)]);
    expect(licenseObligationsAlongLineage('a', graph)).toMatchObject({ ok: false, error: { kind: 'CYCLE' } });
  });
});

const countries: CountryCode[] = ['CN', 'US', 'FR', 'AE', 'GB'];

/** Any graph, cycles and self-loops included: bases are indexes into the node list. */
const anyGraph = fc.integer({ min: 1, max: 12 }).chain((size) =>
  fc.array(
    fc.record({
      country: fc.constantFrom(...countries),
      bases: fc.uniqueArray(fc.integer({ min: 0, max: size - 1 }), { maxLength: 3 }),
    }),
    { minLength: size, maxLength: size },
  ),
);

/** Acyclic graphs: a node's bases come only from earlier nodes. */
const acyclicGraph = fc.integer({ min: 1, max: 12 }).chain((size) =>
  fc.tuple(
    ...Array.from({ length: size }, (_, index) =>
      fc.record({
        country: fc.constantFrom(...countries),
        bases: index === 0 ? fc.constant<number[]>([]) : fc.uniqueArray(fc.integer({ min: 0, max: index - 1 }), { maxLength: 3 }),
      }),
    ),
  ),
);

function toGraph(spec: readonly { country: CountryCode; bases: readonly number[] }[]): LineageGraph {
  return buildLineageGraph(
    spec.map((entry, index) =>
      node(
        `n${index}`,
        entry.country,
        entry.bases.map((base) => ({ modelVersionId: `n${base}`, relation: 'FINE_TUNE' })),
      ),
    ),
  );
}

// A plain reachability walk that ignores cycles, as an independent oracle.
function reachable(graph: LineageGraph, start: string): Set<string> {
  const seen = new Set<string>();
  const queue = graph.get(start)!.bases.map((base) => base.modelVersionId);
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...graph.get(id)!.bases.map((base) => base.modelVersionId));
  }
  return seen;
}

describe('lineage properties', () => {
  it('terminates on any graph, and reports a cycle exactly when one is reachable', () => {
    fc.assert(
      fc.property(anyGraph, fc.nat(), (spec, pick) => {
        const graph = toGraph(spec);
        const start = `n${pick % spec.length}`;
        const ancestors = new Set([start, ...reachable(graph, start)]);
        const cycleReachable = [...ancestors].some((id) => reachable(graph, id).has(id));
        const result = effectiveOrigin(start, graph);
        expect(result.ok).toBe(!cycleReachable);
        if (result.ok) {
          expect(result.value).toEqual([...new Set([...ancestors].map((id) => graph.get(id)!.developerCountry))].sort());
        } else {
          expect(result.error.kind).toBe('CYCLE');
          const cycle = result.error.kind === 'CYCLE' ? result.error.cycle : [];
          expect(cycle[0]).toBe(cycle.at(-1));
          for (let index = 1; index < cycle.length; index++) {
            const bases = graph.get(cycle[index - 1]!)!.bases.map((base) => base.modelVersionId);
            expect(bases).toContain(cycle[index]);
          }
        }
      }),
    );
  });

  it('is monotone: adding a base never removes a country', () => {
    fc.assert(
      fc.property(acyclicGraph, fc.nat(), fc.nat(), (spec, pickChild, pickBase) => {
        if (spec.length < 2) return;
        const child = 1 + (pickChild % (spec.length - 1));
        const base = pickBase % child;
        const extended = spec.map((entry, index) =>
          index === child ? { ...entry, bases: [...new Set([...entry.bases, base])] } : entry,
        );
        const before = toGraph(spec);
        const after = toGraph(extended);
        for (let index = 0; index < spec.length; index++) {
          const was = effectiveOrigin(`n${index}`, before);
          const is = effectiveOrigin(`n${index}`, after);
          if (!was.ok || !is.ok) throw new Error('acyclic graphs must not report errors');
          expect(is.value).toEqual(expect.arrayContaining(was.value));
        }
        const childOrigin = effectiveOrigin(`n${child}`, after);
        expect(childOrigin.ok && childOrigin.value).toContain(spec[base]!.country);
      }),
    );
  });
});
