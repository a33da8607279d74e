import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Finding } from '../findings.js';
import { referenceKey } from '../findings.js';
import type { ReferenceMatch } from '../match/schema.js';
import { loadRules } from '../rules/load-rules.js';
import { scanTree } from '../scan/scan-tree.js';
import { prepareSampleRepo } from '../testing/sample-repo.js';
import { validateSarif } from '../testing/sarif-validator.js';
import { FINGERPRINT_KEY, fingerprintOf, toSarif } from './to-sarif.js';

const finding = (overrides: Partial<Finding>): Finding => ({
  kind: 'HUGGING_FACE',
  reference: 'Qwen/Qwen2.5-7B-Instruct',
  provider: null,
  file: 'app/train.py',
  line: 8,
  column: 47,
  snippet: 'model = from_pretrained("Qwen/Qwen2.5-7B-Instruct")',
  ruleId: 'hf-loader-call',
  inComment: false,
  informational: false,
  sha256: null,
  bytes: null,
  ...overrides,
});

const matchOf = (f: Finding, status: ReferenceMatch['status'], extra: Partial<ReferenceMatch> = {}): ReferenceMatch => ({
  kind: f.kind,
  reference: f.reference,
  sha256: f.sha256,
  status,
  matchedBy: status === 'UNKNOWN' ? null : 'HUGGING_FACE_REPO',
  modelVersion:
    status === 'UNKNOWN'
      ? null
      : {
          id: 'v1',
          key: 'qwen2.5-7b-instruct',
          versionName: 'Qwen2.5-7B-Instruct',
          familyName: 'Qwen2.5',
          provider: 'Qwen (Alibaba Cloud)',
          retired: false,
        },
  reasons: status === 'REGISTERED_NOT_APPROVED' ? ['No approval has been requested for this model version'] : [],
  hint: null,
  ...extra,
});

describe('toSarif', () => {
  let repo: Awaited<ReturnType<typeof prepareSampleRepo>>;
  beforeAll(async () => {
    repo = await prepareSampleRepo();
  });
  afterAll(() => repo.remove());

  it('writes a log of the sample repository that the SARIF 2.1.0 schema accepts, offline and with statuses', async () => {
    const rules = loadRules();
    const result = await scanTree(repo.dir, { rules });
    const descriptions = new Map(rules.rules.map((rule) => [rule.id, rule.description]));
    const offline = toSarif(result.findings, null, {
      ruleDescriptions: descriptions,
      srcRoot: result.root,
      skipped: [{ file: 'big file.json', reason: 'TOO_LARGE', detail: '3 MB' }],
    });
    expect(validateSarif(offline)).toEqual([]);
    const statuses = ['UNKNOWN', 'REGISTERED_NOT_APPROVED', 'APPROVED'] as const;
    const matches = result.findings.filter((f) => !f.informational).map((f, i) => matchOf(f, statuses[i % 3]!));
    const online = toSarif(result.findings, matches, { ruleDescriptions: descriptions, context: { environment: 'PRODUCTION' } });
    expect(validateSarif(online)).toEqual([]);
    const run = online.runs[0]!;
    expect(run.results).toHaveLength(result.findings.length);
    expect(run.tool.driver.rules.map((rule) => rule.id)).toEqual([...new Set(result.findings.map((f) => f.ruleId))].sort());
    expect(run.tool.driver.rules.find((rule) => rule.id === 'hf-loader-call')?.shortDescription.text).toContain(
      'from_pretrained',
    );
    expect(offline.runs[0]!.originalUriBaseIds?.['%SRCROOT%']?.uri).toMatch(/^file:\/\/\/.*\/sample-repo\/$/);
    expect(offline.runs[0]!.invocations[0]!.toolExecutionNotifications[0]).toMatchObject({
      message: { text: 'Skipped (too large): 3 MB' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'big%20file.json' } } }],
    });
  });

  it('sets the level by status: unknown error, not approved warning, approved and informational note, unchecked warning', () => {
    const unknown = finding({ reference: 'BAAI/bge-m3' });
    const unapproved = finding({ line: 9 });
    const approved = finding({ reference: 'meta-llama/Llama-3.1-8B-Instruct' });
    const unchecked = finding({ reference: 'org/not-asked' });
    const endpoint = finding({
      kind: 'VENDOR_API',
      reference: 'endpoint:api.deepseek.com',
      provider: 'deepseek',
      informational: true,
      ruleId: 'deepseek-endpoint',
    });
    const log = toSarif(
      [unknown, unapproved, approved, unchecked, endpoint],
      [
        matchOf(unknown, 'UNKNOWN', { hint: 'a hint' }),
        matchOf(unapproved, 'REGISTERED_NOT_APPROVED'),
        { ...matchOf(approved, 'APPROVED'), reference: approved.reference },
      ].filter((m) => m.reference !== unapproved.reference || m.status !== 'UNKNOWN'),
    );
    expect(validateSarif(log)).toEqual([]);
    const results = log.runs[0]!.results;
    expect(results.map((r) => [r.level, r.properties['status']])).toEqual([
      ['error', 'UNKNOWN'],
      ['warning', 'REGISTERED_NOT_APPROVED'],
      ['note', 'APPROVED'],
      ['warning', 'NOT_CHECKED'],
      ['note', 'INFORMATIONAL'],
    ]);
    expect(results[0]!.message.text).toBe(
      'AI model BAAI/bge-m3 (Hugging Face repository) is not in the Modelgate inventory. Hint: a hint.',
    );
    expect(results[1]!.message.text).toBe(
      'AI model Qwen/Qwen2.5-7B-Instruct (Hugging Face repository) is Qwen (Alibaba Cloud) Qwen2.5-7B-Instruct (qwen2.5-7b-instruct), registered but not approved for this use: No approval has been requested for this model version.',
    );
    expect(results[4]!.message.text).toBe('The code calls the deepseek API (api.deepseek.com).');
    expect(results[1]!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'app/train.py', uriBaseId: '%SRCROOT%' },
      region: { startLine: 9, startColumn: 47, snippet: { text: unapproved.snippet } },
    });
    expect(referenceKey(unapproved)).toBe('HUGGING_FACE|Qwen/Qwen2.5-7B-Instruct|');
  });

  it('fingerprints a result by rule, file, reference and line text, so it survives lines moving', () => {
    const before = finding({ line: 8 });
    const moved = finding({ line: 30, column: 3, snippet: '  model  =  from_pretrained("Qwen/Qwen2.5-7B-Instruct")'.trim() });
    const edited = finding({ snippet: 'model = from_pretrained("Qwen/Qwen2.5-7B-Instruct", revision="main")' });
    expect(fingerprintOf(moved)).not.toBe(fingerprintOf(edited));
    expect(fingerprintOf(before)).toBe(fingerprintOf(finding({ line: 99, column: 1 })));
    expect(toSarif([before], null).runs[0]!.results[0]!.partialFingerprints).toEqual({
      [FINGERPRINT_KEY]: fingerprintOf(before),
    });
  });

  it('is refused by the schema checker when it is not SARIF', () => {
    expect(validateSarif({ version: '2.0.0', runs: [] })).toEqual(['/version must be equal to one of the allowed values']);
  });
});
