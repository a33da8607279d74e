import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CommercialUse } from './enums.js';
import {
  classifyLicense,
  combinedObligations,
  LicenseClass,
  licenseIdSchema,
  licenseIdsIn,
  licenseTermsSchema,
  spdxExpressionSchema,
  type LicenseTerms,
} from './licenses.js';

const permissive: LicenseTerms = {
  commercialUse: 'ALLOWED',
  userCap: null,
  attributionRequired: false,
  attributionText: null,
  acceptableUsePolicyUrl: null,
  shareAlike: false,
  researchOnly: false,
};
const llama31: LicenseTerms = {
  commercialUse: 'CONDITIONAL',
  userCap: 700_000_000,
  attributionRequired: true,
  attributionText: 'Built with Llama',
  acceptableUsePolicyUrl: 'https://www.llama.com/llama3_1/use-policy/',
  shareAlike: false,
  researchOnly: false,
};
const qwenResearch: LicenseTerms = { ...permissive, commercialUse: 'PROHIBITED', researchOnly: true };

describe('SPDX expressions', () => {
  it.each([
    'MIT',
    'Apache-2.0',
    'Apache-2.0 OR MIT',
    '(MIT OR Apache-2.0) AND BSD-3-Clause',
    'GPL-2.0-or-later WITH Classpath-exception-2.0',
    'GPL-2.0+',
    'CC-BY-NC-4.0',
    'LicenseRef-Llama-3.1-Community',
    'LicenseRef-Qwen',
    'LicenseRef-DeepSeek-Model',
    'LicenseRef-Gemma-Terms',
    'LicenseRef-BigScience-RAIL-1.0',
    'LicenseRef-OpenRAIL-M',
    'Apache-2.0 AND LicenseRef-Llama-3.1-Community',
    'DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2',
  ])('accepts %j', (expression) => {
    expect(spdxExpressionSchema.safeParse(expression).success).toBe(true);
  });

  it.each([
    ['', 'the expression is empty'],
    ['   ', 'the expression is empty'],
    ['Llama-3.1', '"Llama-3.1" is not an SPDX license or exception id'],
    ['mit', '"mit" is not an SPDX license or exception id'],
    ['Apache-2.0 OR Qwen-License', '"Qwen-License" is not an SPDX license or exception id'],
    ['licenseref-qwen', '"licenseref-qwen" must be spelled LicenseRef-<id>'],
    ['LicenseRef-', 'LicenseRef- and DocumentRef- must be followed by letters, digits, dots or dashes'],
    ['LicenseRef-Llama 3', '"3" is not an SPDX license or exception id'],
    ['LicenseRef-Qwen_License', '"_License" is not an SPDX license or exception id'],
    ['(MIT OR Apache-2.0', 'a parenthesis is not closed'],
    ['MIT AND', 'AND, OR and WITH must each stand between two operands'],
    ['MIT OR OR Apache-2.0', 'AND, OR and WITH must each stand between two operands'],
    ['MIT Apache-2.0', 'AND, OR and WITH must each stand between two operands'],
    ['GPL-2.0-only WITH', 'WITH must be followed by an SPDX exception id'],
    ['GPL-2.0 +', 'there must be no space before "+"'],
    ['x'.repeat(501), 'the expression is longer than 500 characters'],
  ])('refuses %j, saying why', (expression, reason) => {
    const result = spdxExpressionSchema.safeParse(expression);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(`must be a valid SPDX expression: ${reason}`);
  });

  it('lists the license ids an expression refers to, once each', () => {
    expect(licenseIdsIn('MIT')).toEqual(['MIT']);
    expect(licenseIdsIn('(Apache-2.0 OR MIT) AND (MIT OR LicenseRef-Qwen)')).toEqual(['Apache-2.0', 'MIT', 'LicenseRef-Qwen']);
    expect(licenseIdsIn('GPL-2.0+ WITH Classpath-exception-2.0')).toEqual(['GPL-2.0']);
    expect(() => licenseIdsIn('MIT AND')).toThrow('Not a valid SPDX expression');
  });

  it('takes a single id for a catalog entry', () => {
    expect(licenseIdSchema.parse(' LicenseRef-Gemma-Terms ')).toBe('LicenseRef-Gemma-Terms');
    expect(licenseIdSchema.safeParse('MIT OR Apache-2.0').error?.issues[0]?.message).toMatch(/^must be a single license id/);
    expect(licenseIdSchema.safeParse('GPL-2.0+').success).toBe(false);
    expect(licenseIdSchema.safeParse('Qwen').error?.issues[0]?.message).toMatch(/^must be a valid SPDX license id: "Qwen"/);
  });
});

describe('license terms', () => {
  it('accepts real-world terms', () => {
    expect(licenseTermsSchema.parse(llama31)).toEqual(llama31);
  });

  it('refuses contradictions and bad values, naming the field', () => {
    const paths = (value: unknown) => licenseTermsSchema.safeParse(value).error?.issues.map((issue) => issue.path.join('.'));
    expect(paths({ ...permissive, researchOnly: true })).toEqual(['commercialUse']);
    expect(paths({ ...permissive, attributionText: 'Built with X' })).toEqual(['attributionRequired']);
    expect(paths({ ...permissive, userCap: 0 })).toEqual(['userCap']);
    expect(paths({ ...permissive, userCap: 1.5 })).toEqual(['userCap']);
    expect(paths({ ...permissive, acceptableUsePolicyUrl: 'javascript:alert(1)' })).toEqual(['acceptableUsePolicyUrl']);
  });
});

describe('classifyLicense', () => {
  it.each<[string, Partial<LicenseTerms> | null, LicenseClass]>([
    ['no terms', null, 'UNKNOWN'],
    ['Apache-2.0', {}, 'PERMISSIVE'],
    ['MIT with attribution', { attributionRequired: true }, 'PERMISSIVE'],
    ['share-alike', { shareAlike: true }, 'COPYLEFT'],
    ['user cap only', { userCap: 700_000_000 }, 'RESTRICTED_COMMERCIAL'],
    ['conditional', { commercialUse: 'CONDITIONAL' }, 'RESTRICTED_COMMERCIAL'],
    ['conditional beats share-alike', { commercialUse: 'CONDITIONAL', shareAlike: true }, 'RESTRICTED_COMMERCIAL'],
    ['cap beats share-alike', { userCap: 100, shareAlike: true }, 'RESTRICTED_COMMERCIAL'],
    ['prohibited', { commercialUse: 'PROHIBITED' }, 'NON_COMMERCIAL'],
    ['research-only beats conditional', { commercialUse: 'CONDITIONAL', researchOnly: true, userCap: 5 }, 'NON_COMMERCIAL'],
    ['prohibited beats share-alike', { commercialUse: 'PROHIBITED', shareAlike: true }, 'NON_COMMERCIAL'],
  ])('%s → %s', (_, overrides, expected) => {
    expect(classifyLicense(overrides === null ? null : { ...permissive, ...overrides })).toBe(expected);
  });

  it('calls combined obligations with an unknown license UNKNOWN, whatever else they say', () => {
    expect(classifyLicense(combinedObligations([permissive, null]))).toBe(LicenseClass.Unknown);
    expect(classifyLicense(combinedObligations([qwenResearch, null]))).toBe(LicenseClass.Unknown);
    expect(classifyLicense(combinedObligations([permissive, llama31]))).toBe(LicenseClass.RestrictedCommercial);
  });
});

const termsArbitrary: fc.Arbitrary<LicenseTerms> = fc.record({
  commercialUse: fc.constantFrom(...Object.values(CommercialUse)),
  userCap: fc.option(fc.integer({ min: 1, max: 1_000_000_000 }), { nil: null }),
  attributionRequired: fc.boolean(),
  attributionText: fc.option(fc.constantFrom('Built with Llama', 'Built with Qwen', 'Gemma is provided under...'), { nil: null }),
  acceptableUsePolicyUrl: fc.option(fc.constantFrom('https://a.example/aup', 'https://b.example/aup'), { nil: null }),
  shareAlike: fc.boolean(),
  researchOnly: fc.boolean(),
});
const licenseList = fc.array(fc.option(termsArbitrary, { nil: null, freq: 8 }), { maxLength: 6 });

describe('combinedObligations', () => {
  it('merges a derivative with its base: strictest use, smallest cap, every attribution', () => {
    const derivative: LicenseTerms = {
      ...permissive,
      userCap: 1_000_000,
      attributionRequired: true,
      attributionText: 'Fine-tuned by Acme',
    };
    expect(combinedObligations([derivative, llama31])).toEqual({
      commercialUse: 'CONDITIONAL',
      userCap: 1_000_000,
      attributionRequired: true,
      attributionTexts: ['Built with Llama', 'Fine-tuned by Acme'],
      acceptableUsePolicyUrls: ['https://www.llama.com/llama3_1/use-policy/'],
      shareAlike: false,
      researchOnly: false,
      incomplete: false,
    });
    expect(combinedObligations([llama31, qwenResearch])).toMatchObject({ commercialUse: 'PROHIBITED', researchOnly: true });
  });

  it('has no obligations for no licenses, and a single license keeps its own terms', () => {
    expect(classifyLicense(combinedObligations([]))).toBe(LicenseClass.Permissive);
    fc.assert(
      fc.property(termsArbitrary, (terms) => {
        const single = combinedObligations([terms]);
        expect(classifyLicense(single)).toBe(classifyLicense(terms));
        expect(single).toMatchObject({
          commercialUse: terms.commercialUse,
          userCap: terms.userCap,
          shareAlike: terms.shareAlike,
        });
      }),
    );
  });

  it('is commutative', () => {
    const listAndPermutation = licenseList.chain((licenses) =>
      fc.tuple(fc.constant(licenses), fc.shuffledSubarray(licenses, { minLength: licenses.length, maxLength: licenses.length })),
    );
    fc.assert(
      fc.property(listAndPermutation, ([licenses, permuted]) => {
        expect(combinedObligations(permuted)).toEqual(combinedObligations(licenses));
      }),
    );
  });

  it('is idempotent: repeating licenses changes nothing', () => {
    fc.assert(
      fc.property(licenseList, (licenses) => {
        expect(combinedObligations([...licenses, ...licenses])).toEqual(combinedObligations(licenses));
      }),
    );
  });

  it('never gets less restrictive when a license is added', () => {
    const rank = ['PERMISSIVE', 'COPYLEFT', 'RESTRICTED_COMMERCIAL', 'NON_COMMERCIAL'];
    fc.assert(
      fc.property(licenseList, termsArbitrary, (licenses, extra) => {
        const before = classifyLicense(combinedObligations(licenses));
        const after = classifyLicense(combinedObligations([...licenses, extra]));
        if (before === LicenseClass.Unknown) expect(after).toBe(LicenseClass.Unknown);
        else if (after !== LicenseClass.Unknown) expect(rank.indexOf(after)).toBeGreaterThanOrEqual(rank.indexOf(before));
      }),
    );
  });
});
