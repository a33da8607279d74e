import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { FindingKind } from '../findings.js';
import { rulesFileSchema, type RuleDefinition, type RulesFile, type ScanSettings, type WeightFileDefinition } from './schema.js';

/** `rules/model-references.yaml`, resolved from this module's folder (`src/rules/` in tests, `dist/rules/` when built). */
export const BUILT_IN_RULES_URL = new URL('../../rules/model-references.yaml', import.meta.url);

/** A rules file that cannot be used, with where and why. */
export class RulesError extends Error {
  override readonly name = 'RulesError';

  constructor(
    /** The file (or `built-in`). */
    readonly source: string,
    /** e.g. `rules[3] "openai-model", field "pattern"`. */
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${source}: ${where}: ${reason}`);
  }
}

export type CompiledRule = {
  id: string;
  kind: Exclude<FindingKind, 'WEIGHTS_FILE'>;
  description: string;
  provider: string | null;
  /** Lower case; at least one must occur in a file. */
  keywords: string[];
  /** Lower case; all must occur in a file. */
  requires: string[];
  files: RegExp | null;
  /** Global, with indices (`d`), so the `ref` group's position is known. */
  patterns: RegExp[];
  /** Turns a captured `ref` into the normalised reference, or null when the rule excludes it. */
  toReference(captured: string): string | null;
  informational: boolean;
};

export type CompiledRules = {
  rules: CompiledRule[];
  /** Every distinct keyword (lower case), longest first, as one case-sensitive alternation over lower-cased text. */
  keywordPattern: RegExp | null;
  /** For each keyword, the shorter keywords it starts with (found at the same place, so recorded with it). */
  keywordPrefixes: ReadonlyMap<string, readonly string[]>;
  weights: ReadonlyMap<string, WeightFileDefinition>;
  ignoreDirectories: ReadonlySet<string>;
  textExtensions: ReadonlySet<string>;
  textFileNames: RegExp | null;
  maxTextFileBytes: number;
  /** The files the rules came from, built-in first. */
  sources: string[];
  /** The (merged) rules file these were compiled from: worker threads compile their own copy from it. */
  file: RulesFile;
};

const DEFAULT_MAX_TEXT_FILE_BYTES = 2 * 1024 * 1024;

/** Reads a rules file (YAML, or JSON, which is YAML too) and validates its shape. */
export function readRulesFile(file: string | URL, source = typeof file === 'string' ? file : file.pathname): RulesFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RulesError(source, '(file)', `cannot read it: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: true });
  } catch (error) {
    throw new RulesError(source, '(file)', `not valid YAML or JSON: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
  return parseRulesFile(raw, source);
}

function describeRule(raw: unknown, index: number): string {
  const rules = (raw as { rules?: unknown } | null)?.rules;
  const rule: unknown = Array.isArray(rules) ? rules[index] : undefined;
  const id = typeof rule === 'object' && rule !== null ? (rule as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? `rules[${index}] "${id}"` : `rules[${index}]`;
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join('');
}

export function parseRulesFile(raw: unknown, source: string): RulesFile {
  const result = rulesFileSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path ?? [];
  const [section, index, ...rest] = path;
  const where =
    section === 'rules' && typeof index === 'number'
      ? `${describeRule(raw, index)}${rest.length ? `, field "${fieldPath(rest)}"` : ''}`
      : `field "${fieldPath(path) || '(root)'}"`;
  throw new RulesError(source, where, issue?.message ?? 'invalid');
}

/** Adds entries to a list; an entry written `!name` removes `name` instead. */
function mergeList(base: readonly string[] = [], extra: readonly string[] = []): string[] {
  const result = [...base];
  for (const entry of extra) {
    if (entry.startsWith('!')) {
      const at = result.indexOf(entry.slice(1));
      if (at !== -1) result.splice(at, 1);
    } else if (!result.includes(entry)) result.push(entry);
  }
  return result;
}

/**
 * A user's rules file over the built-in one: fragments, contexts and weight formats by name; rules by id
 * (same id: replaced in place, `{ id, disabled: true }` turns one off; new ids are added at the end);
 * `scan` lists gain entries (`!name` removes one) and `maxTextFileBytes` is replaced.
 */
export function mergeRules(base: RulesFile, extra: RulesFile): RulesFile {
  const rules = [...(base.rules ?? [])];
  for (const rule of extra.rules ?? []) {
    const at = rules.findIndex((existing) => existing.id === rule.id);
    const existing = at === -1 ? undefined : rules[at]!;
    const merged: (typeof rules)[number] =
      'kind' in rule || !existing ? rule : 'kind' in existing ? { ...existing, disabled: true } : existing;
    if (at === -1) rules.push(merged);
    else rules[at] = merged;
  }
  const weights = new Map((base.weights ?? []).map((weight) => [weight.extension, weight]));
  for (const weight of extra.weights ?? []) weights.set(weight.extension, weight);
  const scan: ScanSettings = {
    ignoreDirectories: mergeList(base.scan?.ignoreDirectories, extra.scan?.ignoreDirectories),
    textExtensions: mergeList(base.scan?.textExtensions, extra.scan?.textExtensions),
    textFileNames: mergeList(base.scan?.textFileNames, extra.scan?.textFileNames),
    maxTextFileBytes: extra.scan?.maxTextFileBytes ?? base.scan?.maxTextFileBytes,
  };
  return {
    formatVersion: 1,
    fragments: { ...base.fragments, ...extra.fragments },
    contexts: { ...base.contexts, ...extra.contexts },
    rules,
    weights: [...weights.values()],
    scan,
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `Dockerfile.*` → /^Dockerfile\..*$/i; only `*` and `?` are special. */
export function globToRegExp(globs: readonly string[]): RegExp | null {
  if (globs.length === 0) return null;
  const alternatives = globs.map((glob) => escapeRegExp(glob).replace(/\\\*/g, '.*').replace(/\\\?/g, '.'));
  return new RegExp(`^(?:${alternatives.join('|')})$`, 'i');
}

function expandFragments(source: string, fragments: Record<string, string>, fail: (reason: string) => never): string {
  const expand = (text: string, trail: string[]): string =>
    text.replace(/\{\{([A-Z][A-Z0-9_]*)\}\}/g, (_, name: string) => {
      if (trail.includes(name)) fail(`fragment {{${name}}} refers to itself (${[...trail, name].join(' -> ')})`);
      const fragment = fragments[name];
      if (fragment === undefined) fail(`unknown fragment {{${name}}}`);
      return expand(fragment, [...trail, name]);
    });
  return expand(source, []);
}

function compileRegExp(source: string, flags: string, fail: (reason: string) => never): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    return fail(`invalid regular expression: ${(error as Error).message}`);
  }
}

function compileRule(rule: RuleDefinition, file: RulesFile, source: string, index: number): CompiledRule {
  const where = `rules[${index}] "${rule.id}"`;
  const failAt =
    (field: string) =>
    (reason: string): never => {
      throw new RulesError(source, `${where}, field "${field}"`, reason);
    };
  const fragments = file.fragments ?? {};
  const sources: string[] = [];
  if (rule.pattern !== undefined) {
    for (const pattern of Array.isArray(rule.pattern) ? rule.pattern : [rule.pattern]) {
      sources.push(expandFragments(pattern, fragments, failAt('pattern')));
    }
  } else {
    const value = expandFragments(rule.value!, fragments, failAt('value'));
    for (const name of rule.contexts!) {
      const context = file.contexts?.[name];
      if (context === undefined) failAt('contexts')(`unknown context "${name}"`);
      const expanded = expandFragments(context!, fragments, failAt(`contexts.${name}`));
      if (expanded.split('{{value}}').length !== 2) failAt('contexts')(`context "${name}" must contain {{value}} exactly once`);
      sources.push(expanded.replace('{{value}}', () => `(?<ref>${value})`));
    }
  }
  const template = rule.reference ?? '{ref}';
  const needsRef = template.includes('{ref}');
  const flags = `${[...new Set(rule.flags ?? '')].join('')}gd`;
  const patterns = sources.map((text) => {
    const pattern = compileRegExp(text, flags, failAt('pattern'));
    const probe = new RegExp(`${text}|`, flags.replace(/[gd]/g, '')).exec('');
    if (needsRef && !(probe?.groups && 'ref' in probe.groups))
      failAt('pattern')('must capture the reference in a group named "ref"');
    if (new RegExp(text, flags.replace(/[gd]/g, '')).test('')) failAt('pattern')('must not match an empty string');
    return pattern;
  });

  const strip = (rule.normalize?.strip ?? []).map((text) => compileRegExp(text, 'g', failAt('normalize.strip')));
  const replace = (rule.normalize?.replace ?? []).map(
    ([from, to]) => [compileRegExp(from, 'g', failAt('normalize.replace')), to] as const,
  );
  const exclude = (rule.exclude ?? []).map((text) => compileRegExp(text, 'i', failAt('exclude')));
  const { lowercase = false, defaultTag } = rule.normalize ?? {};
  const toReference = (captured: string): string | null => {
    let ref = captured;
    for (const pattern of strip) ref = ref.replace(pattern, '');
    for (const [pattern, to] of replace) ref = ref.replace(pattern, to);
    if (lowercase) ref = ref.toLowerCase();
    if (defaultTag && !(ref.split('/').at(-1) ?? '').includes(':')) ref = `${ref}:${defaultTag}`;
    if (ref === '') return null;
    const reference = template.replace('{ref}', () => ref);
    return exclude.some((pattern) => pattern.test(reference)) ? null : reference;
  };

  return {
    id: rule.id,
    kind: rule.kind as CompiledRule['kind'],
    description: rule.description,
    provider: rule.provider ?? null,
    keywords: rule.keywords.map((keyword) => keyword.toLowerCase()),
    requires: (rule.requires ?? []).map((keyword) => keyword.toLowerCase()),
    files: globToRegExp(rule.files ?? []),
    patterns,
    toReference,
    informational: rule.informational ?? false,
  };
}

/** Checks every pattern, fragment and context of a (merged) rules file and compiles it once for scanning. */
export function compileRules(file: RulesFile, sources: string[] = ['built-in']): CompiledRules {
  const source = sources.join(' + ');
  const rules: CompiledRule[] = [];
  const seen = new Set<string>();
  (file.rules ?? []).forEach((rule, index) => {
    if (seen.has(rule.id)) throw new RulesError(source, `rules[${index}] "${rule.id}"`, 'duplicate id');
    seen.add(rule.id);
    if (!('kind' in rule) || rule.disabled) return;
    rules.push(compileRule(rule, file, source, index));
  });
  const keywords = [...new Set(rules.flatMap((rule) => [...rule.keywords, ...rule.requires]))].sort(
    (a, b) => b.length - a.length,
  );
  const keywordPrefixes = new Map(
    keywords.map((keyword) => [keyword, keywords.filter((other) => other !== keyword && keyword.startsWith(other))]),
  );
  return {
    rules,
    keywordPrefixes,
    keywordPattern: keywords.length ? new RegExp(keywords.map(escapeRegExp).join('|'), 'g') : null,
    weights: new Map((file.weights ?? []).map((weight) => [weight.extension, weight])),
    ignoreDirectories: new Set(file.scan?.ignoreDirectories ?? []),
    textExtensions: new Set((file.scan?.textExtensions ?? []).map((extension) => extension.toLowerCase())),
    textFileNames: globToRegExp(file.scan?.textFileNames ?? []),
    maxTextFileBytes: file.scan?.maxTextFileBytes ?? DEFAULT_MAX_TEXT_FILE_BYTES,
    sources,
    file,
  };
}

/** The built-in rules, with a user's rules file merged over them when given. */
export function loadRules(options: { extraRulesFile?: string } = {}): CompiledRules {
  const builtIn = readRulesFile(BUILT_IN_RULES_URL, 'built-in');
  if (!options.extraRulesFile) return compileRules(builtIn);
  const extra = readRulesFile(options.extraRulesFile);
  return compileRules(mergeRules(builtIn, extra), ['built-in', options.extraRulesFile]);
}
