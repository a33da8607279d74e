import { describe, expect, it } from '@jest/globals';
import { deriveFacts, termsOfExpression, withDescendants, type InventoryNode } from './derived.js';
import type { LicenseTerms } from './licenses.js';
import type { CountryCode } from './country-codes.js';

const terms = (overrides: Partial<LicenseTerms>): LicenseTerms => ({
  commercialUse: 'ALLOWED',
  userCap: null,
  attributionRequired: false,
  attributionText: null,
  acceptableUsePolicyUrl: null,
  shareAlike: false,
  researchOnly: false,
  ...overrides,
});

const catalog = new Map<string, LicenseTerms>([
  ['MIT', terms({})],
  [
    'LicenseRef-Llama-3.3',
    terms({ commercialUse: 'CONDITIONAL', userCap: 700_000_000, attributionRequired: true, attributionText: 'Built with Llama' }),
  ],
  ['CC-BY-NC-4.0', terms({ commercialUse: 'PROHIBITED', attributionRequired: true })],
]);

const node = (id: string, country: string, license: string, bases: string[] = []): InventoryNode => ({
  id,
  developerCountry: country as CountryCode,
  licenseExpression: license,
  bases: bases.map((modelVersionId) => ({ modelVersionId, relation: 'DISTILLATION' })),
});

const graphOf = (...nodes: InventoryNode[]) => new Map(nodes.map((n) => [n.id, n]));

describe('derived inventory facts', () => {
  const llama = node('llama', 'US', 'LicenseRef-Llama-3.3');
  const r1 = node('r1', 'CN', 'MIT');
  const distill = node('distill', 'CN', 'MIT', ['llama', 'r1']);
  const fineTune = node('tune', 'DE', 'MIT', ['distill']);
  const graph = graphOf(llama, r1, distill, fineTune);

  it('gives a distill the countries and the license obligations of every base', () => {
    const facts = deriveFacts('distill', graph, catalog);
    expect(facts.effectiveOrigin).toEqual(['CN', 'US']);
    expect(facts.licenseClass).toBe('RESTRICTED_COMMERCIAL');
    expect(facts.obligations).toMatchObject({ userCap: 700_000_000, attributionTexts: ['Built with Llama'], incomplete: false });
    expect(facts.lineageProblem).toBeNull();
    expect(deriveFacts('tune', graph, catalog).effectiveOrigin).toEqual(['CN', 'DE', 'US']);
  });

  it('classifies as unknown when any license in the lineage is not in the catalog or not valid SPDX', () => {
    expect(deriveFacts('x', graphOf(node('x', 'FR', 'LicenseRef-Unknown')), catalog).licenseClass).toBe('UNKNOWN');
    expect(termsOfExpression('MIT AND (', catalog)).toEqual([null]);
    expect(termsOfExpression('MIT OR CC-BY-NC-4.0', catalog).map((t) => t?.commercialUse)).toEqual(['ALLOWED', 'PROHIBITED']);
  });

  it('reports a cycle and falls back to the version alone', () => {
    const facts = deriveFacts('a', graphOf(node('a', 'US', 'MIT', ['b']), node('b', 'CN', 'MIT', ['a'])), catalog);
    expect(facts.effectiveOrigin).toEqual(['US']);
    expect(facts.lineageProblem).toMatch(/cycle: a → b → a/);
  });

  it('finds every derivative that must be recomputed after a change', () => {
    expect([...withDescendants(['llama'], graph)].sort()).toEqual(['distill', 'llama', 'tune']);
    expect([...withDescendants(['tune'], graph)]).toEqual(['tune']);
  });
});
