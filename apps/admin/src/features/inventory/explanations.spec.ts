import { describe, expect, it } from '@jest/globals';
import { classifyLicense } from '@modelgate/domain/inventory';
import {
  describeObligations,
  effectiveOriginReason,
  foreignOrigins,
  licenseClassReason,
  termsLine,
  type Obligations,
} from './explanations';

const open: Obligations = {
  commercialUse: 'ALLOWED',
  userCap: null,
  attributionRequired: false,
  attributionTexts: [],
  acceptableUsePolicyUrls: [],
  shareAlike: false,
  researchOnly: false,
  incomplete: false,
};

const llama: Obligations = {
  ...open,
  commercialUse: 'CONDITIONAL',
  userCap: 700_000_000,
  attributionRequired: true,
  attributionTexts: ['Built with Llama'],
  acceptableUsePolicyUrls: ['https://llama.meta.com/use-policy'],
};

describe('license terms in a list', () => {
  it('sums the terms up in a few words, most limiting first', () => {
    expect(termsLine(open)).toBe('Commercial use allowed');
    expect(termsLine(llama)).toBe(
      'Commercial use under conditions · Cap: 700M monthly users · Attribution required · Acceptable use policy',
    );
    expect(termsLine({ ...open, commercialUse: 'PROHIBITED', researchOnly: true, incomplete: true })).toBe(
      'Research only · Terms incomplete',
    );
  });

  it('says why a version has its class, by the rule that set it', () => {
    const cases: [Obligations, RegExp][] = [
      [open, /^Permissive: /],
      [{ ...open, shareAlike: true }, /^Copyleft: /],
      [llama, /^Restricted commercial: above 700,000,000 monthly active users/],
      [{ ...open, commercialUse: 'CONDITIONAL' }, /^Restricted commercial: .*conditions/],
      [{ ...open, researchOnly: true }, /^Non-commercial: .*research/],
      [{ ...open, commercialUse: 'PROHIBITED' }, /^Non-commercial: .*prohibits/],
      [{ ...open, incomplete: true }, /^Unknown terms: /],
    ];
    for (const [obligations, reason] of cases) {
      expect(licenseClassReason(classifyLicense(obligations), obligations)).toMatch(reason);
    }
  });

  it('lists every combined obligation, and what does not apply', () => {
    expect(describeObligations(llama)).toEqual([
      'Commercial use under conditions.',
      'A separate agreement is needed above 700,000,000 monthly active users.',
      'Attribution required: “Built with Llama”.',
      'Acceptable use policy applies: https://llama.meta.com/use-policy',
      'No share-alike obligation.',
      'Not limited to research.',
    ]);
  });
});

describe('why an effective origin differs from the developer country', () => {
  const base = (versionName: string, developerCountry: string, effectiveOrigin: string[]) => ({
    relation: 'FINE_TUNE' as const,
    modelVersion: { familyName: 'Base', versionName, developerCountry, effectiveOrigin },
  });

  it('names each added country and the bases it comes through', () => {
    const version = {
      developerCountry: 'DE',
      effectiveOrigin: ['CN', 'DE', 'US'],
      bases: [base('Base-A', 'US', ['US']), base('Base-B', 'FR', ['CN', 'FR'])],
    };
    expect(foreignOrigins(version).map((origin) => [origin.country, origin.through.map((link) => link.title)])).toEqual([
      ['CN', ['Base-B']],
      ['US', ['Base-A']],
    ]);
    expect(effectiveOriginReason(version)).toEqual([
      'China (CN) through its base Base-B (Fine-tune)',
      'United States (US) through its base Base-A (Fine-tune)',
    ]);
  });

  it('says nothing when the origin is the developer country alone, and points further back when no base explains it', () => {
    expect(effectiveOriginReason({ developerCountry: 'US', effectiveOrigin: ['US'], bases: [] })).toEqual([]);
    expect(effectiveOriginReason({ developerCountry: 'US', effectiveOrigin: ['CN', 'US'], bases: [] })).toEqual([
      'China (CN) from further back in its lineage',
    ]);
  });
});
