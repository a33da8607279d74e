import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { prepareSampleRepo, validateSarif } from '@modelgate/discovery/testing';
import { findFreePort } from '@modelgate/db/testing';
import {
  DEMO_PASSWORD,
  makeDataDir,
  repositoryRoot,
  startProductionServer,
  stopAllServers,
  type ProductionServer,
} from './support/production-server.js';

const cli = path.join(repositoryRoot, 'apps', 'cli', 'bin', 'modelgate.js');

function modelgate(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A pipeline's token, made by the demo engineer: decisions:read only unless other scopes are named. */
async function createScanToken(baseUrl: string, scopes = ['decisions:read']): Promise<string> {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const signedIn = await post({
    query: 'mutation ($input: SignInInput!) { signIn(input: $input) { viewer { csrfToken } } }',
    variables: { input: { email: 'engineer@demo.modelgate.local', password: DEMO_PASSWORD } },
  });
  const cookie = signedIn.headers
    .getSetCookie()
    .find((c) => c.startsWith('mg_session='))!
    .split(';')[0]!;
  const { data } = (await signedIn.json()) as { data: { signIn: { viewer: { csrfToken: string } } } };
  const created = await post(
    {
      query:
        'mutation ($scopes: [String!]!) { createApiToken(input: { name: "scan in CI", scopes: $scopes, expiresInDays: 7 }) { secret } }',
      variables: { scopes },
    },
    { cookie, 'x-csrf-token': data.signIn.viewer.csrfToken },
  );
  return ((await created.json()) as { data: { createApiToken: { secret: string } } }).data.createApiToken.secret;
}

type JsonReport = {
  exitCode: number;
  context: { environment: string; dataClassification: string; hostingTarget: string | null; offline: boolean };
  findings: {
    file: string;
    line: number;
    reference: string;
    status: string;
    matchedBy: string | null;
    modelVersion: { key: string } | null;
  }[];
};
type SarifLog = { runs: { results: { level: string; properties: { reference: string; status: string } }[] }[] };

describe('modelgate scan (CLI) against the production build with demo data', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let repo: Awaited<ReturnType<typeof prepareSampleRepo>>;
  let server: ProductionServer;
  let token: string;
  const connection = () => ['--url', server.baseUrl, '--token', token];
  const forProduction = ['--env', 'production', '--data', 'internal', '--hosting', 'On-premises GPU cluster (Frankfurt)'];

  beforeAll(async () => {
    [data, repo] = await Promise.all([makeDataDir(), prepareSampleRepo()]);
    server = await startProductionServer(data.dir, { embeddedPgPort: await findFreePort() });
    token = await createScanToken(server.baseUrl);
  });
  afterAll(async () => {
    await stopAllServers();
    await Promise.all([data.remove(), repo.remove()]);
  });

  it('writes SARIF that the 2.1.0 schema accepts, with levels from the inventory, and exits 1 on unapproved models', async () => {
    const output = path.join(data.dir, 'scan.sarif');
    const result = await modelgate([
      'scan',
      repo.dir,
      '--format',
      'sarif',
      '--output',
      output,
      ...forProduction,
      ...connection(),
    ]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(
      /^Report written to .*scan\.sarif\. \d+ model references \(\d+ places\) fail --fail-on unapproved, exit code 1\.\n$/,
    );
    expect(result.code).toBe(1);
    const log = JSON.parse(await readFile(output, 'utf8')) as SarifLog;
    expect(validateSarif(log)).toEqual([]);
    const levelOf = (reference: string) => [
      ...new Set(log.runs[0]!.results.filter((r) => r.properties.reference === reference).map((r) => r.level)),
    ];
    expect(levelOf('meta-llama/Llama-3.1-8B-Instruct')).toEqual(['note']);
    expect(levelOf('Qwen/Qwen2.5-7B-Instruct')).toEqual(['warning']);
    expect(levelOf('BAAI/bge-m3')).toEqual(['error']);
    expect(levelOf('endpoint:dashscope.aliyuncs.com')).toEqual(['note']);
  });

  it('reports each distinct reference with its exact status as JSON; --fail-on none exits 0', async () => {
    const result = await modelgate([
      'scan',
      repo.dir,
      '--format',
      'json',
      '--fail-on',
      'none',
      ...forProduction,
      ...connection(),
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.context).toMatchObject({
      environment: 'PRODUCTION',
      dataClassification: 'INTERNAL',
      hostingTarget: 'On-premises GPU cluster (Frankfurt)',
      offline: false,
    });
    const statuses = Object.fromEntries(
      report.findings.map((f) => [f.reference, `${f.status}${f.modelVersion ? ` ${f.modelVersion.key} by ${f.matchedBy}` : ''}`]),
    );
    expect(statuses).toEqual(EXPECTED_STATUSES);
  });

  it('exits 0 when every reference is approved, 1 with --fail-on unknown when one is unknown, 2 on usage and sign-in errors', async () => {
    const approvedOnly = path.join(data.dir, 'approved-only');
    await mkdir(approvedOnly, { recursive: true });
    await writeFile(
      path.join(approvedOnly, 'serve.sh'),
      'vllm serve meta-llama/Llama-3.1-8B-Instruct --port 8000\nollama pull llama3.1:8b\n',
    );
    const approved = await modelgate(['scan', approvedOnly, ...forProduction, ...connection()]);
    expect(approved.stdout).toContain('APPROVED for this use (2)');
    expect(approved.stdout).toContain('Result: nothing fails --fail-on unapproved, exit code 0.');
    expect(approved.code).toBe(0);

    await writeFile(path.join(approvedOnly, 'config.yaml'), 'model: deepseek-ai/DeepSeek-R1\n');
    expect((await modelgate(['scan', approvedOnly, '--fail-on', 'unknown', ...forProduction, ...connection()])).code).toBe(0);
    await writeFile(path.join(approvedOnly, 'more.yaml'), 'embedding_model: BAAI/bge-m3\n');
    const unknown = await modelgate(['scan', approvedOnly, '--fail-on', 'unknown', ...forProduction, ...connection()]);
    expect(unknown.stdout).toContain('Result: 1 model reference (1 place) fail --fail-on unknown, exit code 1.');
    expect(unknown.code).toBe(1);

    const usage = await modelgate(['scan', approvedOnly, '--format', 'xml']);
    expect(usage.stderr).toBe('modelgate: --format must be one of text, json, sarif (got "xml")\n');
    expect(usage.code).toBe(2);
    const refused = await modelgate(['scan', approvedOnly, '--url', server.baseUrl, '--token', `${token.slice(0, -4)}AAAA`]);
    expect(refused.stderr).toMatch(/^modelgate: UNAUTHENTICATED: /);
    expect(refused.code).toBe(2);
  });

  it('--upload sends the findings to the server, which answers for each itself and links the report', async () => {
    const uploader = await createScanToken(server.baseUrl, ['decisions:read', 'scans:write']);
    const folder = path.join(data.dir, 'upload-me');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'serve.sh'), 'vllm serve meta-llama/Llama-3.1-8B-Instruct\nollama run zhipu/glm-9b:9b\n');
    const uploaded = await modelgate([
      'scan',
      folder,
      '--upload',
      '--repository',
      'github.com/acme/upload-me',
      '--commit',
      'abc1234',
      ...forProduction,
      '--url',
      server.baseUrl,
      '--token',
      uploader,
    ]);
    expect(uploaded.code).toBe(1);
    const link = new RegExp(
      `^Uploaded the scan of github.com/acme/upload-me: ${server.baseUrl}/discovery/reports/([0-9a-f-]{36})\n$`,
    );
    expect(uploaded.stderr).toMatch(link);
    const id = link.exec(uploaded.stderr)![1]!;
    const response = await fetch(`${server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${uploader}` },
      body: JSON.stringify({
        query: 'query ($id: ID!) { scanReport(id: $id) { commit hostingTarget findings { reference status } } }',
        variables: { id },
      }),
    });
    expect(await response.json()).toEqual({
      data: {
        scanReport: {
          commit: 'abc1234',
          hostingTarget: 'On-premises GPU cluster (Frankfurt)',
          findings: [
            { reference: 'meta-llama/Llama-3.1-8B-Instruct', status: 'APPROVED' },
            { reference: 'ollama:zhipu/glm-9b:9b', status: 'UNKNOWN' },
          ],
        },
      },
    });
    const offline = await modelgate(['scan', folder, '--upload', '--offline']);
    expect(offline.stderr).toBe('modelgate: --upload cannot be used with --offline\n');
    expect(offline.code).toBe(2);
  });

  it('weights attach: hashes a model folder, attaches the checksums, and later scans know the model by any one file', async () => {
    const folder = path.join(data.dir, 'falcon-7b');
    await mkdir(path.join(folder, 'nested'), { recursive: true });
    const safetensors = (tensorName: string) => {
      const header = Buffer.from(JSON.stringify({ [tensorName]: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }));
      const size = Buffer.alloc(8);
      size.writeBigUInt64LE(BigInt(header.length));
      return Buffer.concat([size, header, Buffer.alloc(4)]);
    };
    const shards = {
      'model-00001-of-00002.safetensors': safetensors('a'),
      'nested/model-00002-of-00002.safetensors': safetensors('b'),
    };
    for (const [name, bytes] of Object.entries(shards)) await writeFile(path.join(folder, name), bytes);
    await writeFile(path.join(folder, 'config.json'), '{"model_type": "falcon"}\n');
    await writeFile(path.join(folder, 'fake.safetensors'), 'not weights at all');
    const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
    const listing = Object.entries(shards)
      .map(([name, bytes]) => `${sha(bytes)}  ${name}\n`)
      .join('');

    const dryRun = await modelgate(['weights', 'attach', folder, '--dry-run']);
    expect(dryRun.stdout).toBe(`${listing}2 weight files; weights checksum ${sha(listing)} (dry run: nothing attached)\n`);
    expect(dryRun.code).toBe(0);

    const writer = await createScanToken(server.baseUrl, ['models:write', 'models:read']);
    const denied = await modelgate(['weights', 'attach', folder, '--model', 'falcon-7b', ...connection()]);
    expect(denied.stderr).toMatch(/^modelgate: FORBIDDEN: /);
    const attached = await modelgate([
      'weights',
      'attach',
      folder,
      '--model',
      'Falcon-7B',
      '--url',
      server.baseUrl,
      '--token',
      writer,
    ]);
    expect(attached.stderr).toBe('');
    expect(attached.stdout).toContain(`${listing}Attached 2 weight files to `);
    expect(attached.stdout).toContain(`(falcon-7b), now at version `);
    expect(attached.stdout).toContain(`Weights checksum: ${sha(listing)}\n`);
    expect(attached.code).toBe(0);
    const unknownModel = await modelgate([
      'weights',
      'attach',
      folder,
      '--model',
      'no-such-model',
      '--url',
      server.baseUrl,
      '--token',
      writer,
    ]);
    expect(unknownModel.stderr).toBe('modelgate: no model version in the inventory has the key or name "no-such-model"\n');
    expect(unknownModel.code).toBe(2);

    const scanned = await modelgate([
      'scan',
      path.join(folder, 'nested'),
      '--format',
      'json',
      '--fail-on',
      'none',
      ...forProduction,
      ...connection(),
    ]);
    const report = JSON.parse(scanned.stdout) as JsonReport;
    expect(report.findings.map((finding) => `${finding.reference} ${finding.status} ${finding.modelVersion?.key}`)).toEqual([
      `sha256:${sha(shards['nested/model-00002-of-00002.safetensors'])} REGISTERED_NOT_APPROVED falcon-7b`,
    ]);
  });
});

/** The demo inventory's answer for production, internal data, on the on-premises cluster. */
const EXPECTED_STATUSES: Record<string, string> = {
  // Approved for production on-premises up to confidential data (demo approval story).
  'meta-llama/Llama-3.1-8B-Instruct': 'APPROVED llama-3.1-8b-instruct by HUGGING_FACE_REPO',
  'ollama:llama3.1:8b': 'APPROVED llama-3.1-8b-instruct by OLLAMA_TAG',
  // Approved with a pinned-weights condition, but no checksum was ever approved.
  'Qwen/Qwen2.5-7B-Instruct': 'REGISTERED_NOT_APPROVED qwen2.5-7b-instruct by HUGGING_FACE_REPO',
  'ollama:qwen2.5:7b': 'REGISTERED_NOT_APPROVED qwen2.5-7b-instruct by OLLAMA_TAG',
  'gguf:Qwen2.5-7B-Instruct-Q4_K_M.gguf': 'REGISTERED_NOT_APPROVED qwen2.5-7b-instruct by GGUF_FILE_NAME',
  // Registered; submitted, expired or never requested.
  'mistralai/Mistral-7B-Instruct-v0.2': 'REGISTERED_NOT_APPROVED mistral-7b-instruct-v0.2 by HUGGING_FACE_REPO',
  'tiiuae/falcon-7b': 'REGISTERED_NOT_APPROVED falcon-7b by HUGGING_FACE_REPO',
  'deepseek-ai/DeepSeek-R1': 'REGISTERED_NOT_APPROVED deepseek-r1 by HUGGING_FACE_REPO',
  'anthropic:claude-3-5-sonnet-20240620': 'REGISTERED_NOT_APPROVED claude-3-5-sonnet-20240620 by API_MODEL_NAME',
  'openai:gpt-4o-2024-08-06': 'REGISTERED_NOT_APPROVED gpt-4o-2024-08-06 by API_MODEL_NAME',
  // Not in the inventory (aliases of dated versions included).
  'BAAI/bge-m3': 'UNKNOWN',
  'bartowski/Qwen2.5-7B-Instruct-GGUF': 'UNKNOWN',
  'distilbert/distilbert-base-uncased-finetuned-sst-2-english': 'UNKNOWN',
  'alibaba:qwen-max': 'UNKNOWN',
  'deepseek:deepseek-reasoner': 'UNKNOWN',
  'mistral:mistral-large-latest': 'UNKNOWN',
  'moonshot:kimi-k2-0711-preview': 'UNKNOWN',
  'openai:gpt-4.1': 'UNKNOWN',
  'openai:gpt-4.1-mini': 'UNKNOWN',
  'openai:gpt-4o': 'UNKNOWN',
  'openai:gpt-4o-mini': 'UNKNOWN',
  'openai:o3-mini': 'UNKNOWN',
  'zhipu:glm-4-plus': 'UNKNOWN',
  'ollama:deepseek-r1:32b': 'UNKNOWN',
  'gguf:tiny-qwen.gguf': 'UNKNOWN',
  'sha256:1a4755846319adf387c1abd5bc1fbc2507a280b2f0c6eeead75a6e9caeeb1b94': 'UNKNOWN',
  'sha256:4e2f6b1c9a7d3e5f8b0a2c4d6e8f1a3b5c7d9e0f2a4b6c8d0e1f3a5b7c9d1e3f': 'UNKNOWN',
  'sha256:a4e5e156ddec27e286f75328784d7106b60a4eb1d246e950a001a3f944fbda99': 'UNKNOWN',
  // Vendor endpoints: reported, never matched.
  'endpoint:api.anthropic.com': 'INFORMATIONAL',
  'endpoint:api.deepseek.com': 'INFORMATIONAL',
  'endpoint:api.moonshot.cn': 'INFORMATIONAL',
  'endpoint:dashscope.aliyuncs.com': 'INFORMATIONAL',
};
