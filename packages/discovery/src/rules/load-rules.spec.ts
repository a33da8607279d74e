import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { scanText } from '../scan/text-scanner.js';
import {
  BUILT_IN_RULES_URL,
  compileRules,
  loadRules,
  mergeRules,
  parseRulesFile,
  readRulesFile,
  RulesError,
} from './load-rules.js';

const builtIn = readRulesFile(BUILT_IN_RULES_URL, 'built-in');
const withRules = (extra: unknown) =>
  compileRules(mergeRules(builtIn, parseRulesFile(extra, 'extra.yaml')), ['built-in', 'extra.yaml']);
const errorOf = (extra: unknown): RulesError => {
  try {
    withRules(extra);
  } catch (error) {
    return error as RulesError;
  }
  throw new Error('expected a RulesError');
};

describe('rules files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'modelgate-rules-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('compiles the built-in rules: every kind but weights has rules, every rule has keywords', () => {
    const rules = loadRules();
    expect(new Set(rules.rules.map((rule) => rule.kind))).toEqual(
      new Set(['HUGGING_FACE', 'VENDOR_API', 'OLLAMA', 'GGUF', 'VLLM_TGI']),
    );
    expect(rules.rules.every((rule) => rule.keywords.length > 0)).toBe(true);
    expect([...rules.weights.keys()]).toEqual(['.safetensors', '.gguf', '.bin', '.pt', '.pth']);
    expect(rules.ignoreDirectories.has('node_modules')).toBe(true);
    expect(rules.textFileNames?.test('Dockerfile.gpu')).toBe(true);
    expect(rules.textFileNames?.test('.env.production')).toBe(true);
  });

  it('merges a user file: a new vendor with the built-in contexts, a rule turned off, a directory scanned again', async () => {
    const file = path.join(dir, 'extra.yaml');
    await writeFile(
      file,
      [
        'formatVersion: 1',
        'rules:',
        '  - id: acme-model',
        '    kind: VENDOR_API',
        '    provider: acme',
        '    description: Models of the in-house Acme gateway.',
        '    keywords: [acme-]',
        "    value: 'acme-(?:fast|smart)-v\\d+'",
        '    contexts: [string-literal, model-setting]',
        "    reference: 'acme:{ref}'",
        '  - { id: openai-endpoint, disabled: true }',
        'scan:',
        "  ignoreDirectories: ['!vendor', generated]",
        '  textExtensions: [.prompt]',
      ].join('\n'),
    );
    const rules = loadRules({ extraRulesFile: file });
    expect(rules.sources).toEqual(['built-in', file]);
    const found = scanText('client = Acme(model="acme-smart-v2", url="https://api.openai.com")', 'a.py', rules);
    expect(found.map((finding) => `${finding.reference} ${finding.provider}`)).toEqual(['acme:acme-smart-v2 acme']);
    expect(rules.ignoreDirectories.has('vendor')).toBe(false);
    expect(rules.ignoreDirectories.has('generated')).toBe(true);
    expect(rules.textExtensions.has('.prompt')).toBe(true);
    // A user rule with a built-in id replaces it in place (same priority).
    const replaced = withRules({
      formatVersion: 1,
      rules: [
        {
          id: 'deepseek-model',
          kind: 'VENDOR_API',
          description: 'x',
          keywords: ['deepseek-'],
          value: 'deepseek-v\\d',
          contexts: ['string-literal'],
          reference: 'deepseek:{ref}',
        },
      ],
    });
    expect(scanText('a = "deepseek-v3"; b = "deepseek-chat"', 'a.py', replaced).map((f) => f.reference)).toEqual([
      'deepseek:deepseek-v3',
    ]);
  });

  it('names the file, rule and field of a problem', () => {
    expect(
      errorOf({
        formatVersion: 1,
        rules: [{ id: 'bad', kind: 'GGUF', description: 'x', keywords: ['gguf'], pattern: '(?<ref>[a-z' }],
      }).message,
    ).toMatch(/^built-in \+ extra\.yaml: rules\[\d+\] "bad", field "pattern": invalid regular expression: /);
    expect(
      errorOf({
        formatVersion: 1,
        rules: [{ id: 'no-ref', kind: 'GGUF', description: 'x', keywords: ['gguf'], pattern: '[a-z]+\\.gguf' }],
      }).reason,
    ).toBe('must capture the reference in a group named "ref"');
    expect(
      errorOf({
        formatVersion: 1,
        rules: [{ id: 'empty', kind: 'GGUF', description: 'x', keywords: ['gguf'], pattern: '(?<ref>a*)' }],
      }).reason,
    ).toBe('must not match an empty string');
    expect(
      errorOf({
        formatVersion: 1,
        rules: [
          { id: 'frag', kind: 'GGUF', description: 'x', keywords: ['gguf'], value: '{{NOPE}}', contexts: ['string-literal'] },
        ],
      }).reason,
    ).toBe('unknown fragment {{NOPE}}');
    expect(
      errorOf({
        formatVersion: 1,
        rules: [{ id: 'ctx', kind: 'GGUF', description: 'x', keywords: ['gguf'], value: 'a', contexts: ['nowhere'] }],
      }).reason,
    ).toBe('unknown context "nowhere"');
    expect(() =>
      parseRulesFile(
        { formatVersion: 1, rules: [{ id: 'kw', kind: 'GGUF', description: 'x', keywords: [], pattern: 'a' }] },
        'f.yaml',
      ),
    ).toThrow('f.yaml: rules[0] "kw", field "keywords": must name at least one keyword (the cheap prefilter)');
    expect(() => parseRulesFile({ formatVersion: 2 }, 'f.yaml')).toThrow('f.yaml: field "formatVersion"');
  });

  it('says when a rules file cannot be read or parsed', async () => {
    const broken = path.join(dir, 'broken.yaml');
    await writeFile(broken, 'rules: [unclosed');
    expect(() => loadRules({ extraRulesFile: broken })).toThrow(`${broken}: (file): not valid YAML or JSON`);
    expect(() => loadRules({ extraRulesFile: path.join(dir, 'missing.yaml') })).toThrow('(file): cannot read it');
  });
});
