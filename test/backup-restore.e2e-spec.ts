import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { findFreePort, withDatabase } from '@modelgate/db/testing';
import {
  graphqlData,
  modelgateCli,
  registerAllowedDeployment,
  signInSession,
  startAppOnDatabase,
  stopAllApps,
  type AppProcess,
} from './support/app-on-database.js';
import {
  findClientBinaries,
  queryRows,
  runClient,
  startPostgresCluster,
  withLogin,
  type ClientBinaries,
  type PostgresCluster,
} from './support/postgres-cluster.js';
import {
  DEMO_PASSWORD,
  makeDataDir,
  startProductionServer,
  stopAllServers,
  type ProductionServer,
} from './support/production-server.js';

type DataDir = Awaited<ReturnType<typeof makeDataDir>>;
type ChainRow = { seq: string; hash: string };

const CHAIN = `SELECT seq::text AS seq, hash FROM audit_event ORDER BY audit_event.seq`;

/** The inventory report's data files (CSV), without the manifest and signature that carry generated-at. */
async function exportInventory(baseUrl: string, file: string): Promise<Record<string, string>> {
  const result = await modelgateCli([
    'report',
    'export',
    '--type',
    'INVENTORY',
    '--format',
    'CSV',
    '--output',
    file,
    '--url',
    baseUrl,
    '--email',
    'auditor@demo.modelgate.local',
    '--password',
    DEMO_PASSWORD,
  ]);
  if (result.code !== 0) throw new Error(`report export failed (${result.code}): ${result.stderr}${result.stdout}`);
  const files = unzipSync(await readFile(file));
  return Object.fromEntries(
    Object.entries(files)
      .filter(([name]) => !name.startsWith('manifest.'))
      .map(([name, bytes]) => [name, new TextDecoder().decode(bytes)]),
  );
}

async function verifyAuditTrail(baseUrl: string): Promise<{ code: number | null; stdout: string }> {
  return modelgateCli([
    'audit',
    'verify',
    '--url',
    baseUrl,
    '--email',
    'auditor@demo.modelgate.local',
    '--password',
    DEMO_PASSWORD,
  ]);
}

describe('backup with pg_dump and restore with pg_restore into a fresh PostgreSQL', () => {
  let client: ClientBinaries;
  let source: DataDir;
  let target: DataDir;
  let cluster: PostgresCluster | undefined;
  let server: ProductionServer | undefined;

  beforeAll(async () => {
    client = await findClientBinaries(); // fails here, with what to install, when the client programs are missing
    source = await makeDataDir();
    target = await makeDataDir();
  });

  afterAll(async () => {
    // SIGTERM first: the source app then stops its embedded PostgreSQL (a SIGKILL would leave it running).
    await server?.stop('SIGTERM');
    await stopAllServers();
    await stopAllApps();
    await cluster?.stop();
    await source?.remove();
    await target?.remove();
  });

  it('restores a database the app starts on, with an intact audit chain, the same signed checkpoints and the same inventory report', async () => {
    // 1. A running instance (embedded database, demo data) with changes made through the API.
    const pgPort = await findFreePort();
    server = await startProductionServer(source.dir, { embeddedPgPort: pgPort });
    const engineer = await signInSession(server.baseUrl, 'engineer@demo.modelgate.local', DEMO_PASSWORD);
    const providers = await graphqlData<{ providers: Array<{ id: string }> }>(server.baseUrl, engineer, '{ providers { id } }');
    const version = await graphqlData<{ createModelVersion: { id: string } }>(
      server.baseUrl,
      engineer,
      `mutation ($input: CreateModelVersionInput!) { createModelVersion(input: $input) { id } }`,
      {
        input: {
          providerId: providers.providers[0]!.id,
          familyName: 'Backup Check',
          versionName: 'backup-check-1',
          declaredLicense: 'Apache-2.0',
          distribution: 'OPEN_WEIGHTS',
          modalities: ['TEXT'],
          supplier: 'Internal registry',
        },
      },
    );
    await graphqlData(
      server.baseUrl,
      engineer,
      `mutation ($input: CreateApprovalRequestInput!) { createApprovalRequest(input: $input) { id } }`,
      {
        input: {
          modelVersionId: version.createModelVersion.id,
          submit: true,
          scope: {
            environments: ['DEVELOPMENT'],
            hostingModes: ['ON_PREMISES'],
            maxDataClassification: 'INTERNAL',
            personalData: false,
            expectedUsers: 5,
            intendedUse: 'Checks that backups restore',
          },
        },
      },
    );
    const deployment = await registerAllowedDeployment(server.baseUrl, engineer, 'backup-check');
    const admin = await signInSession(server.baseUrl, 'admin@demo.modelgate.local', DEMO_PASSWORD);
    await graphqlData(server.baseUrl, admin, 'mutation { createAuditCheckpoint { seq } }');
    const reportBefore = await exportInventory(server.baseUrl, path.join(source.dir, 'inventory-before.zip'));
    expect(Object.keys(reportBefore).length).toBeGreaterThan(0);
    expect(Object.values(reportBefore).join('\n')).toContain('backup-check');

    // 2. The backup, taken while the app runs: pg_dump in the custom format, as the owning role.
    const { password } = JSON.parse(await readFile(path.join(source.dir, 'postgres-credentials.json'), 'utf8')) as {
      password: string;
    };
    const sourceOwnerUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/modelgate`;
    const dump = path.join(source.dir, 'modelgate.dump');
    await runClient(client.pgDump, ['--format=custom', `--file=${dump}`, `--dbname=${sourceOwnerUrl}`]);
    const sourceChain = await queryRows<ChainRow>(sourceOwnerUrl, CHAIN);
    expect(await server.stop()).toBe(0);

    // 3. A fresh PostgreSQL: the roles first (they are not in a database dump), an empty database, then pg_restore.
    cluster = await startPostgresCluster(target.dir);
    const runtimePassword = 'restored-runtime-secret';
    await runClient(client.psql, [
      '-X',
      '-v',
      'ON_ERROR_STOP=1',
      `--dbname=${withDatabase(cluster.ownerUrl, 'postgres')}`,
      '-c',
      'CREATE ROLE modelgate_app NOLOGIN',
      '-c',
      `CREATE ROLE modelgate_runtime LOGIN PASSWORD '${runtimePassword}' IN ROLE modelgate_app`,
      '-c',
      'CREATE DATABASE modelgate_restored',
    ]);
    const targetOwnerUrl = withDatabase(cluster.ownerUrl, 'modelgate_restored');
    await runClient(client.pgRestore, ['--exit-on-error', '--single-transaction', `--dbname=${targetOwnerUrl}`, dump]);

    // The restored trail is the source's, event for event, up to the moment of the dump.
    const restoredChain = await queryRows<ChainRow>(targetOwnerUrl, CHAIN);
    expect(restoredChain.length).toBeGreaterThan(0);
    expect(restoredChain).toEqual(sourceChain.slice(0, restoredChain.length));

    // 4. The app on the restored database, with the instance's signing key restored beside it.
    const targetAppDir = path.join(target.dir, 'app');
    const signingKey = path.join(target.dir, 'audit-signing-key.pem');
    await copyFile(path.join(source.dir, 'audit-signing-key.pem'), signingKey);
    const restored: AppProcess = await startAppOnDatabase({
      databaseUrl: withLogin(targetOwnerUrl, 'modelgate_runtime', runtimePassword),
      migrationUrl: targetOwnerUrl,
      dataDir: targetAppDir,
      env: { AUDIT_SIGNING_KEY_FILE: signingKey },
    });
    const ready = await fetch(`${restored.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(restored.output()).toContain('database schema is up to date');
    // The runtime login owns nothing: PostgreSQL's privileges, not only triggers, keep the audit trail append-only.
    expect(restored.output()).not.toContain('may change the audit table');

    const verified = await verifyAuditTrail(restored.baseUrl);
    expect(verified.stdout).toMatch(/^OK {3}signed checkpoints: [1-9]/m);
    expect(verified.stdout).toContain('The audit trail is intact.');
    expect(verified.code).toBe(0);

    const engineerAfter = await signInSession(restored.baseUrl, 'engineer@demo.modelgate.local', DEMO_PASSWORD);
    const found = await graphqlData<{ deployment: { application: string } }>(
      restored.baseUrl,
      engineerAfter,
      'query ($id: ID!) { deployment(id: $id) { application } }',
      { id: deployment.id },
    );
    expect(found.deployment.application).toBe('backup-check');

    const reportAfter = await exportInventory(restored.baseUrl, path.join(target.dir, 'inventory-after.zip'));
    expect(reportAfter).toEqual(reportBefore);

    expect(await restored.stop()).toBe(0);
  });
});
