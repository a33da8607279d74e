import { z } from 'zod';
import { FINDING_KINDS } from '../findings.js';

/** A rule id: lower-case words joined by hyphens, e.g. `openai-model`. */
export const ruleIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'must be lower-case letters, digits and hyphens');

const regexSource = z.string().min(1, 'must not be empty').max(4000, 'must be at most 4000 characters');
const keyword = z.string().min(2, 'must be at least 2 characters').max(100);

/** How a captured reference becomes the normalised one. Applied in this order. */
export const normalizeSchema = z.strictObject({
  /** Regular expressions whose matches are removed, e.g. `^anthropic\.` (Bedrock prefix). */
  strip: z.array(regexSource).max(20).optional(),
  /** `[pattern, replacement]` pairs, e.g. `["@", "-"]`. */
  replace: z
    .array(z.tuple([regexSource, z.string().max(100)]))
    .max(20)
    .optional(),
  lowercase: z.boolean().optional(),
  /** Appended as `:<tag>` when the last path segment names no tag (Ollama's `latest`). */
  defaultTag: z
    .string()
    .regex(/^[\w.-]+$/)
    .optional(),
});

export const ruleSchema = z
  .strictObject({
    id: ruleIdSchema,
    kind: z.enum(FINDING_KINDS.filter((kind) => kind !== 'WEIGHTS_FILE') as [string, ...string[]]),
    description: z.string().min(1).max(500),
    /** Provider hint given to every finding of the rule (e.g. `openai`). */
    provider: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .optional(),
    /** The rule runs on a file only if it contains at least one of these (case-insensitive). */
    keywords: z.array(keyword).min(1, 'must name at least one keyword (the cheap prefilter)').max(50),
    /** ...and all of these (case-insensitive). */
    requires: z.array(keyword).max(10).optional(),
    /** Only files whose base name matches one of these globs (`*` and `?`), e.g. `Modelfile`, `*.py`. */
    files: z.array(z.string().min(1).max(200)).max(50).optional(),
    /** A full regular expression (or several) with a named group `ref`; `{{FRAGMENT}}` is expanded. */
    pattern: z.union([regexSource, z.array(regexSource).min(1).max(10)]).optional(),
    /** Or: what the reference looks like, placed in each of the named `contexts`. */
    value: regexSource.optional(),
    contexts: z.array(z.string().min(1)).min(1).max(10).optional(),
    /** Extra RegExp flags: `i` (ignore case), `m` (`^`/`$` per line), `s`, `u`, `v`. */
    flags: z
      .string()
      .regex(/^[imsuv]*$/, 'may only use the flags i, m, s, u and v')
      .optional(),
    /** The normalised reference, with `{ref}` for the (normalised) capture; default `{ref}`. */
    reference: z.string().min(1).max(200).optional(),
    normalize: normalizeSchema.optional(),
    /** Regular expressions tested against the normalised reference: a match drops the finding. */
    exclude: z.array(regexSource).max(50).optional(),
    /** Signals (vendor endpoints): reported, never matched against the inventory, never fail a scan. */
    informational: z.boolean().optional(),
    disabled: z.boolean().optional(),
  })
  .superRefine((rule, ctx) => {
    const hasPattern = rule.pattern !== undefined;
    const hasValue = rule.value !== undefined || rule.contexts !== undefined;
    if (hasPattern === hasValue) {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'give either pattern, or value with contexts' });
    } else if (hasValue && (rule.value === undefined || rule.contexts === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [rule.value === undefined ? 'value' : 'contexts'],
        message: 'value and contexts go together',
      });
    }
  });

export const WEIGHT_FORMATS = ['safetensors', 'gguf', 'pytorch-zip', 'pytorch-pickle', 'ggml'] as const;
export type WeightFormat = (typeof WEIGHT_FORMATS)[number];

export const weightFileSchema = z.strictObject({
  /** With the dot, lower case: `.safetensors`. */
  extension: z.string().regex(/^\.[a-z0-9]+$/, 'must be a lower-case extension with its dot, e.g. ".gguf"'),
  /** The file must start like one of these formats (checked on its first bytes). */
  formats: z.array(z.enum(WEIGHT_FORMATS)).min(1),
  /** Files smaller than this are not weights (guards generic extensions such as `.bin`). */
  minBytes: z.int().min(0).default(0),
});

const nameList = z.array(z.string().min(1).max(200)).max(500);

export const scanSettingsSchema = z.strictObject({
  /** Directory names never entered (exact names, any depth). */
  ignoreDirectories: nameList.optional(),
  /** Text files scanned by extension (with the dot, lower case). */
  textExtensions: nameList.optional(),
  /** Text files scanned by base name (globs with `*` and `?`): `Dockerfile`, `Dockerfile.*`, `.env.*`. */
  textFileNames: nameList.optional(),
  /** Text files larger than this are skipped, with a note. */
  maxTextFileBytes: z.int().positive().optional(),
});

/** A rules file: the built-in one, or a user's file merged over it. */
export const rulesFileSchema = z.strictObject({
  formatVersion: z.literal(1),
  /** Named regular-expression pieces used as `{{NAME}}` in patterns, values, contexts and other fragments. */
  fragments: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must be UPPER_CASE'), regexSource).optional(),
  /** Where a bare `value` counts; each has exactly one `{{value}}`, which becomes the `ref` group. */
  contexts: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case-with-hyphens'), regexSource).optional(),
  rules: z.array(z.union([ruleSchema, z.strictObject({ id: ruleIdSchema, disabled: z.literal(true) })])).optional(),
  weights: z.array(weightFileSchema).optional(),
  scan: scanSettingsSchema.optional(),
});

export type RuleDefinition = z.output<typeof ruleSchema>;
export type RulesFile = z.output<typeof rulesFileSchema>;
export type WeightFileDefinition = z.output<typeof weightFileSchema>;
export type ScanSettings = z.output<typeof scanSettingsSchema>;
