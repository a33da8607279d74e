import parseSpdx from 'spdx-expression-parse';
import { z } from 'zod';
import { CommercialUse, commercialUseSchema, stricterCommercialUse } from './enums.js';

export type SpdxParseResult = { ok: true; tree: parseSpdx.Info } | { ok: false; reason: string };

const MAX_EXPRESSION_LENGTH = 500;

/**
 * Parses an SPDX license expression (SPDX 2.3 Annex D) with spdx-expression-parse. License ids are
 * case-sensitive here, as in the SPDX list; `LicenseRef-<idstring>` names a license that is not on the list.
 */
export function parseSpdxExpression(expression: string): SpdxParseResult {
  const source = expression.trim();
  if (source === '') return { ok: false, reason: 'the expression is empty' };
  if (source.length > MAX_EXPRESSION_LENGTH) {
    return { ok: false, reason: `the expression is longer than ${MAX_EXPRESSION_LENGTH} characters` };
  }
  try {
    return { ok: true, tree: parseSpdx(source) };
  } catch (error) {
    return { ok: false, reason: explainParseFailure(source, error instanceof Error ? error.message : '') };
  }
}

// The parser's messages speak of offsets and tokens; these say what a person should fix.
function explainParseFailure(source: string, message: string): string {
  const unexpected = /^Unexpected `.` at offset (\d+)$/.exec(message);
  if (unexpected) {
    const offset = Number(unexpected[1]);
    const word = /^[^\s()]+/.exec(source.slice(offset))?.[0] ?? source.charAt(offset);
    if (word.toLowerCase().startsWith('licenseref-')) {
      return `"${word}" must be spelled LicenseRef-<id> (capital L and R)`;
    }
    return `"${word}" is not an SPDX license or exception id (use an id from spdx.org/licenses, or LicenseRef-<id> for other licenses)`;
  }
  if (/^Expected idstring/.test(message)) {
    return 'LicenseRef- and DocumentRef- must be followed by letters, digits, dots or dashes';
  }
  if (message === 'Expected `)`') return 'a parenthesis is not closed';
  if (message === 'Expected exception after `WITH`') return 'WITH must be followed by an SPDX exception id';
  if (message === 'Space before `+`') return 'there must be no space before "+"';
  if (message === 'Expected `:` after `DocumentRef-...`') return 'DocumentRef-<id> must be followed by ":LicenseRef-<id>"';
  return 'AND, OR and WITH must each stand between two operands, and parentheses must balance';
}

export const spdxExpressionSchema = z
  .string({ error: 'must be an SPDX expression such as "Apache-2.0" or "LicenseRef-Qwen"' })
  .trim()
  .superRefine((value, ctx) => {
    const result = parseSpdxExpression(value);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: `must be a valid SPDX expression: ${result.reason}` });
  });

/** A single license id: one SPDX list id or one `LicenseRef-`, without operators, `+` or `WITH`. */
export const licenseIdSchema = z
  .string({ error: 'must be a license id such as "MIT" or "LicenseRef-Llama-3.1-Community"' })
  .trim()
  .superRefine((value, ctx) => {
    const result = parseSpdxExpression(value);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: `must be a valid SPDX license id: ${result.reason}` });
    } else if (!('license' in result.tree) || result.tree.plus || result.tree.exception) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a single license id, without AND, OR, WITH or "+" (catalog each license separately)',
      });
    }
  });

/**
 * The license ids an expression refers to, once each, in the order they appear. `+` and `WITH`
 * exceptions are dropped: they qualify a license, they are not one. Throws on an invalid expression,
 * so validate with `spdxExpressionSchema` first.
 */
export function licenseIdsIn(expression: string): string[] {
  const result = parseSpdxExpression(expression);
  if (!result.ok) throw new Error(`Not a valid SPDX expression: ${result.reason}`);
  const ids: string[] = [];
  const visit = (node: parseSpdx.Info): void => {
    if ('license' in node) {
      if (!ids.includes(node.license)) ids.push(node.license);
    } else {
      visit(node.left);
      visit(node.right);
    }
  };
  visit(result.tree);
  return ids;
}

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000, 'must be at most 2000 characters');

/** What a license lets you do, as structured attributes a policy can test. */
export const licenseTermsSchema = z
  .object({
    commercialUse: commercialUseSchema,
    /** Monthly active users above which the license needs a separate agreement (Llama: 700 million). */
    userCap: z
      .number({ error: 'must be a whole number of monthly active users' })
      .int('must be a whole number of monthly active users')
      .positive('must be greater than 0')
      .nullable(),
    attributionRequired: z.boolean(),
    /** The required notice, e.g. "Built with Llama". */
    attributionText: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters').nullable(),
    acceptableUsePolicyUrl: httpUrl.nullable(),
    shareAlike: z.boolean(),
    researchOnly: z.boolean(),
  })
  .superRefine((terms, ctx) => {
    if (terms.researchOnly && terms.commercialUse === CommercialUse.Allowed) {
      ctx.addIssue({
        code: 'custom',
        path: ['commercialUse'],
        message: 'cannot be ALLOWED for a research-only license',
      });
    }
    if (terms.attributionText !== null && !terms.attributionRequired) {
      ctx.addIssue({
        code: 'custom',
        path: ['attributionRequired'],
        message: 'must be true when an attribution text is given',
      });
    }
  });

export type LicenseTerms = z.output<typeof licenseTermsSchema>;

export const LicenseClass = {
  Permissive: 'PERMISSIVE',
  Copyleft: 'COPYLEFT',
  RestrictedCommercial: 'RESTRICTED_COMMERCIAL',
  NonCommercial: 'NON_COMMERCIAL',
  Unknown: 'UNKNOWN',
} as const;
export type LicenseClass = (typeof LicenseClass)[keyof typeof LicenseClass];

/** The attributes classification reads; both `LicenseTerms` and `LicenseObligations` have them. */
export type ClassifiableTerms = Pick<LicenseTerms, 'commercialUse' | 'userCap' | 'shareAlike' | 'researchOnly'> & {
  /** Set when some license in the mix has no known terms. */
  incomplete?: boolean;
};

/**
 * Classifies terms by what limits commercial use most, first match wins:
 * 1. UNKNOWN: no terms, or some of the combined licenses have none;
 * 2. NON_COMMERCIAL: commercial use prohibited, or research only;
 * 3. RESTRICTED_COMMERCIAL: commercial use conditional, or capped by a user count;
 * 4. COPYLEFT: free commercial use, but derivatives must keep the license (share-alike);
 * 5. PERMISSIVE: everything else.
 * A share-alike license that also restricts commercial use (e.g. a RAIL with use restrictions) therefore
 * classifies by the restriction; `shareAlike` itself stays visible on the terms.
 */
export function classifyLicense(terms: ClassifiableTerms | null | undefined): LicenseClass {
  if (!terms || terms.incomplete) return LicenseClass.Unknown;
  if (terms.commercialUse === CommercialUse.Prohibited || terms.researchOnly) return LicenseClass.NonCommercial;
  if (terms.commercialUse === CommercialUse.Conditional || terms.userCap !== null) return LicenseClass.RestrictedCommercial;
  if (terms.shareAlike) return LicenseClass.Copyleft;
  return LicenseClass.Permissive;
}

/** The obligations of several licenses at once, e.g. a derivative's and all its bases'. */
export type LicenseObligations = {
  commercialUse: CommercialUse;
  userCap: number | null;
  attributionRequired: boolean;
  /** Every distinct attribution text, sorted. */
  attributionTexts: string[];
  /** Every distinct acceptable-use policy, sorted. */
  acceptableUsePolicyUrls: string[];
  shareAlike: boolean;
  researchOnly: boolean;
  /** True when a license in the mix has no known terms: the obligations above are then a lower bound. */
  incomplete: boolean;
};

/**
 * Merges license terms: the most restrictive commercial use and the smallest user cap win; attribution,
 * share-alike and research-only carry over from any license; texts and policies are all kept. `null`
 * stands for a license whose terms are unknown. The result does not depend on order or repeats, and
 * no licenses at all gives no obligations.
 */
export function combinedObligations(licenses: Iterable<LicenseTerms | null>): LicenseObligations {
  let commercialUse: CommercialUse = CommercialUse.Allowed;
  let userCap: number | null = null;
  let attributionRequired = false;
  let shareAlike = false;
  let researchOnly = false;
  let incomplete = false;
  const attributionTexts = new Set<string>();
  const acceptableUsePolicyUrls = new Set<string>();
  for (const terms of licenses) {
    if (terms === null) {
      incomplete = true;
      continue;
    }
    commercialUse = stricterCommercialUse(commercialUse, terms.commercialUse);
    if (terms.userCap !== null) userCap = userCap === null ? terms.userCap : Math.min(userCap, terms.userCap);
    attributionRequired ||= terms.attributionRequired;
    shareAlike ||= terms.shareAlike;
    researchOnly ||= terms.researchOnly;
    if (terms.attributionText !== null) attributionTexts.add(terms.attributionText);
    if (terms.acceptableUsePolicyUrl !== null) acceptableUsePolicyUrls.add(terms.acceptableUsePolicyUrl);
  }
  return {
    commercialUse,
    userCap,
    attributionRequired,
    attributionTexts: [...attributionTexts].sort(),
    acceptableUsePolicyUrls: [...acceptableUsePolicyUrls].sort(),
    shareAlike,
    researchOnly,
    incomplete,
  };
}
