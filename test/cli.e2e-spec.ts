import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { asSuperuserWithoutTriggers, findFreePort } from '@modelgate/db/testing';
import {
  DEMO_PASSWORD,
  makeDataDir,
  repositoryRoot,
  startProductionServer,
  stopAllServers,
  type ProductionServer,
} from './support/production-server.js';

const cli = path.join(repositoryRoot, 'apps', 'cli', 'bin', 'modelgate.js');

function modelgate(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('modelgate audit verify (CLI) against the production build', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let server: ProductionServer;
  let pgPort: number;

  beforeAll(async () => {
    data = await makeDataDir();
    pgPort = await findFreePort();
    server = await startProductionServer(data.dir, { embeddedPgPort: pgPort });
  });
  afterAll(async () => {
    await stopAllServers();
    await data.remove();
  });

  const asAuditor = () => [
    'audit',
    'verify',
    '--url',
    server.baseUrl,
    '--email',
    'auditor@demo.modelgate.local',
    '--password',
    DEMO_PASSWORD,
  ];

  it('reports an intact trail, verified on the server and re-computed locally, with exit code 0', async () => {
    const result = await modelgate(asAuditor());
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('OK   chain (verified here)');
    expect(result.stdout).toContain('The audit trail is intact.');
    expect(result.code).toBe(0);
  });

  it('finds an event edited by a database superuser and exits with 1', async () => {
    const { password } = JSON.parse(await readFile(path.join(data.dir, 'postgres-credentials.json'), 'utf8')) as {
      password: string;
    };
    const ownerUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/modelgate`;
    await asSuperuserWithoutTriggers(ownerUrl, async (client) => {
      await client.query(`UPDATE audit_event SET reason = 'edited afterwards' WHERE seq = 2`);
    });
    const result = await modelgate([...asAuditor(), '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { intact: boolean; local: { firstBreak: { seq: string; reason: string } } };
    expect(report.intact).toBe(false);
    expect(report.local.firstBreak).toMatchObject({ seq: '2', reason: 'HASH_MISMATCH' });
  });

  it('exits with 2 and a clear message when it cannot sign in or reach the server', async () => {
    const refused = await modelgate([
      'audit',
      'verify',
      '--url',
      server.baseUrl,
      '--email',
      'auditor@demo.modelgate.local',
      '--password',
      'wrong',
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('sign-in as auditor@demo.modelgate.local failed');
    const unreachable = await modelgate([
      'audit',
      'verify',
      '--url',
      `http://127.0.0.1:${await findFreePort()}`,
      '--email',
      'a@b.c',
    ]);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain('cannot reach');
  });

  describe('modelgate import and export', () => {
    const asEngineer = () => ['--url', server.baseUrl, '--email', 'engineer@demo.modelgate.local', '--password', DEMO_PASSWORD];
    const header =
      'provider_name,provider_legal_entity,provider_country,provider_type,family_name,version_name,developer_country,supplier,distribution,modalities,declared_license,bases';
    const rows = [
      'Northwind Labs,Northwind Labs GmbH,DE,COMPANY,Northwind Qwen,NW-Qwen-7B-Payments,DE,Internal registry,OPEN_WEIGHTS,TEXT,Apache-2.0,FINE_TUNE:Qwen (Alibaba Cloud)/Qwen2.5-7B-Instruct',
      'Northwind Labs,Northwind Labs GmbH,DE,COMPANY,Northwind Qwen,NW-Qwen-7B-Payments-AWQ,DE,Internal registry,OPEN_WEIGHTS,TEXT,Apache-2.0,QUANTIZATION:Northwind Labs/NW-Qwen-7B-Payments',
    ];

    it('dry-runs, reports bad rows by row and column with exit code 1, imports, and exports the result', async () => {
      const good = path.join(data.dir, 'inventory.csv');
      await writeFile(good, `${header}\n${rows.join('\n')}\n`);
      const dry = await modelgate(['import', good, '--dry-run', ...asEngineer()]);
      expect(dry.stderr).toBe('');
      expect(dry.stdout).toContain('Dry run: 2 row(s) checked; would create 2');
      expect(dry.code).toBe(0);

      const bad = path.join(data.dir, 'bad.csv');
      await writeFile(bad, `${header}\n${rows[0]!.replace(',DE,Internal', ',ZZ,Internal')}\n`);
      const refused = await modelgate(['import', bad, ...asEngineer()]);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toMatch(/row 2, developer_country: must be an ISO 3166-1 alpha-2 country code/);

      const imported = await modelgate(['import', good, ...asEngineer()]);
      expect(imported.stdout).toContain('created 2');
      expect(imported.code).toBe(0);

      const output = path.join(data.dir, 'export.json');
      const exported = await modelgate(['export', '--format', 'json', '--output', output, ...asEngineer()]);
      expect(exported.code).toBe(0);
      const file = JSON.parse(await readFile(output, 'utf8')) as {
        modelVersions: { versionName: string; bases: { version: string; relation: string }[] }[];
      };
      expect(file.modelVersions.find((v) => v.versionName === 'NW-Qwen-7B-Payments-AWQ')?.bases).toEqual([
        { provider: 'Northwind Labs', version: 'NW-Qwen-7B-Payments', relation: 'QUANTIZATION' },
      ]);
      expect(file.modelVersions.length).toBeGreaterThanOrEqual(83);
    });
  });

  describe('modelgate check (the CI gate)', () => {
    const gate = (model: string, env: string, data: string, hosting = 'On-premises GPU cluster (Frankfurt)') => [
      'check',
      '--model',
      model,
      '--env',
      env,
      '--hosting',
      hosting,
      '--data',
      data,
      '--url',
      server.baseUrl,
      '--email',
      'engineer@demo.modelgate.local',
      '--password',
      DEMO_PASSWORD,
    ];

    it('exits 0 on ALLOW, 1 on DENY and 3 on REVIEW_REQUIRED, printing the reasons', async () => {
      // The demo seed approved Llama 3.1 8B Instruct for staging and production, on-premises, up to confidential data.
      const allowed = await modelgate(gate('llama-3.1-8b-instruct', 'production', 'internal'));
      expect(allowed.stderr).toBe('');
      expect(allowed.stdout).toMatch(/^ALLOW: Meta Llama-3\.1-8B-Instruct on On-premises GPU cluster \(Frankfurt\)/);
      expect(allowed.stdout).toMatch(/Approved by AR-\d+ until/);
      expect(allowed.code).toBe(0);

      const denied = await modelgate(gate('command-r-v01', 'production', 'internal'));
      expect(denied.stdout).toContain('[deny-non-commercial-in-production]');
      expect(denied.code).toBe(1);

      const review = await modelgate(gate('phi-4', 'staging', 'internal'));
      expect(review.stdout).toMatch(/^REVIEW_REQUIRED: /);
      expect(review.code).toBe(3);

      const unknown = await modelgate(gate('no-such-model', 'staging', 'internal'));
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('input.model: matches no model version in the inventory');
    });
  });

  describe('modelgate report export and report verify', () => {
    it('saves a signed bundle that verify accepts offline, and names a file changed afterwards', async () => {
      const bundle = path.join(data.dir, 'risk-register.zip');
      const exported = await modelgate([
        'report',
        'export',
        '--type',
        'risk-register',
        '--format',
        'json',
        '--output',
        bundle,
        '--url',
        server.baseUrl,
        '--email',
        'auditor@demo.modelgate.local',
        '--password',
        DEMO_PASSWORD,
      ]);
      expect(exported.stderr).toBe('');
      expect(exported.stdout).toMatch(/risk-register\.zip: \d+ rows?, bundle SHA-256 [0-9a-f]{64}/);
      expect(exported.code).toBe(0);

      const key = path.join(data.dir, 'signing-key.pem');
      await writeFile(key, await (await fetch(`${server.baseUrl}/api/v1/reports/signing-key.pem`)).text());
      const verified = await modelgate(['report', 'verify', bundle, '--key', key]);
      expect(verified.stdout).toContain('OK   report.json');
      expect(verified.stdout).toContain('intact and signed');
      expect(verified.code).toBe(0);

      const files = unzipSync(await readFile(bundle));
      files['report.json'] = new TextEncoder().encode(
        new TextDecoder().decode(files['report.json']).replace('"rows": [', '"rows": [ '),
      );
      await writeFile(bundle, zipSync(files));
      const refused = await modelgate(['report', 'verify', bundle, '--key', key]);
      expect(refused.stdout).toContain('FAIL report.json');
      expect(refused.code).toBe(1);

      const wrongType = await modelgate(['report', 'export', '--type', 'everything', '--url', server.baseUrl]);
      expect(wrongType.stderr).toContain('--type must be one of INVENTORY, APPROVALS');
      expect(wrongType.code).toBe(2);
    });
  });
});
