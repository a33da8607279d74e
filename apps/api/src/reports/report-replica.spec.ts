import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { findFreePort, uniqueSuffix } from '@modelgate/db/testing';
import { Role } from '@modelgate/domain/auth';
import type { ReportManifest } from '@modelgate/domain/reports';
import { parse as parseCsv } from 'csv-parse/sync';
import { startTestApp, type TestApp, type TestSession } from '../testing/test-app.js';
import { unzipBundle } from './testing/report-fixture.js';
import { startReplicatedPostgres, type ReplicatedPostgres } from './testing/replicated-postgres.js';

const CREATE_EXPORT = `mutation ($input: CreateReportExportInput!) {
  createReportExport(input: $input) { id status downloadPath manifest error }
}`;

type ExportView = {
  id: string;
  status: string;
  downloadPath: string | null;
  manifest: ReportManifest | null;
  error: string | null;
};

type ReadinessBody = { status: string; details: Record<string, Record<string, unknown>> };

describe('reports on a read replica (DATABASE_REPLICA_URL)', () => {
  let cluster: ReplicatedPostgres;
  let api: TestApp;
  let auditor: TestSession;
  let providerId: string;

  beforeAll(async () => {
    cluster = await startReplicatedPostgres();
    api = await startTestApp({
      databaseUrl: cluster.primary.runtimeUrl,
      ownerUrl: cluster.primary.ownerUrl,
      env: { DATABASE_REPLICA_URL: cluster.standby.runtimeUrl },
    });
    auditor = await api.signInAs(Role.Auditor);
    const provider = await api.prisma.provider.create({
      data: { key: `replica-${uniqueSuffix()}`, name: 'Replica Labs', headquartersCountry: 'DE', type: 'COMPANY' },
    });
    providerId = provider.id;
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await cluster?.stop();
  });

  const registerModelVersion = async (key: string) => {
    await api.prisma.modelVersion.create({
      data: {
        key,
        providerId,
        familyName: 'Replica',
        versionName: key,
        developerCountry: 'DE',
        supplier: 'Replica Labs',
        distribution: 'API_ONLY',
        declaredLicense: 'LicenseRef-replica',
        effectiveOrigin: ['DE'],
        licenseClass: 'RESTRICTED_COMMERCIAL',
      },
    });
  };

  /** An inline inventory export, downloaded: its report.json text and its manifest. */
  const exportInventory = async (): Promise<{ view: ExportView; reportJson: string }> => {
    const response = await api.graphql<{ createReportExport: ExportView }>(
      CREATE_EXPORT,
      { input: { type: 'INVENTORY', format: 'JSON' } },
      auditor,
    );
    expect(response.body.errors).toBeUndefined();
    const view = response.body.data!.createReportExport;
    expect(view.status).toBe('READY');
    const download = await fetch(`${api.baseUrl}${view.downloadPath}`, { headers: { cookie: auditor.cookie } });
    expect(download.status).toBe(200);
    const files = unzipBundle(new Uint8Array(await download.arrayBuffer()));
    return { view, reportJson: new TextDecoder().decode(files.get('report.json')) };
  };

  it('takes the snapshot on the standby: a row it has not replayed is missing, and present once it has', async () => {
    const replayed = `replayed-${uniqueSuffix()}`;
    await registerModelVersion(replayed);
    await cluster.waitForReplay();

    await cluster.pauseReplay();
    const pending = `pending-${uniqueSuffix()}`;
    try {
      await registerModelVersion(pending);
      const { view, reportJson } = await exportInventory();
      expect(reportJson).toContain(replayed);
      expect(reportJson).not.toContain(pending);
      // The chain head comes from the same (standby) snapshot: it stops before the export's own request
      // event, which the primary wrote while replay was paused.
      const [request] = await cluster.query<{ seq: bigint }>(
        cluster.primary.ownerUrl,
        `SELECT seq FROM audit_event WHERE entity_id = '${view.id}' AND action = 'report.export_request'`,
      );
      expect(request).toBeDefined();
      expect(BigInt(view.manifest!.snapshot.lastAuditSeq ?? '0')).toBeLessThan(request!.seq);
    } finally {
      await cluster.resumeReplay();
    }

    await cluster.waitForReplay();
    const { view, reportJson } = await exportInventory();
    expect(reportJson).toContain(replayed);
    expect(reportJson).toContain(pending);
    // The export's row and audit events were written on the primary (the standby is read only).
    const [row] = await cluster.query<{ status: string }>(
      cluster.primary.ownerUrl,
      `SELECT status::text AS status FROM report_export WHERE id = '${view.id}'`,
    );
    expect(row?.status).toBe('READY');
  });

  it('writes the audit trail CSV on the standby (COPY joining the snapshot), with the rows the manifest describes', async () => {
    await cluster.waitForReplay();
    await cluster.pauseReplay();
    try {
      const response = await api.graphql<{ createReportExport: ExportView }>(
        CREATE_EXPORT,
        { input: { type: 'AUDIT_TRAIL', format: 'CSV' } },
        auditor,
      );
      expect(response.body.errors).toBeUndefined();
      const view = response.body.data!.createReportExport;
      expect(view).toMatchObject({ status: 'READY', error: null });
      const download = await fetch(`${api.baseUrl}${view.downloadPath}`, { headers: { cookie: auditor.cookie } });
      const files = unzipBundle(new Uint8Array(await download.arrayBuffer()));
      const rows: string[][] = parseCsv(Buffer.from(files.get('audit-events.csv')!), { bom: true });
      const seqs = rows.slice(1).map((row) => row[0]);
      const { snapshot, files: listed } = view.manifest!;
      expect(seqs.length).toBeGreaterThan(0);
      expect(listed).toEqual([expect.objectContaining({ name: 'audit-events.csv', rows: seqs.length })]);
      expect([seqs[0], seqs.at(-1)]).toEqual([snapshot.firstAuditSeq, snapshot.lastAuditSeq]);
      // The export's own request event, written on the primary while replay waits, is not in the standby's snapshot.
      const [request] = await cluster.query<{ seq: bigint }>(
        cluster.primary.ownerUrl,
        `SELECT seq FROM audit_event WHERE entity_id = '${view.id}' AND action = 'report.export_request'`,
      );
      expect(BigInt(snapshot.lastAuditSeq ?? '0')).toBeLessThan(request!.seq);
    } finally {
      await cluster.resumeReplay();
    }
  });

  it('GET /readyz shows the replica as informational detail', async () => {
    const response = await fetch(`${api.baseUrl}/readyz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as ReadinessBody;
    expect(body.details.reportsReplica).toMatchObject({ status: 'up', reachable: true, inRecovery: true });
  });
});

describe('reports with an unreachable read replica', () => {
  let api: TestApp;
  let auditor: TestSession;

  beforeAll(async () => {
    api = await startTestApp({
      env: { DATABASE_REPLICA_URL: `postgresql://nobody:secret@127.0.0.1:${await findFreePort()}/modelgate` },
    });
    auditor = await api.signInAs(Role.Auditor);
  });
  afterAll(() => api.close());

  it('refuses an export with SERVICE_UNAVAILABLE, storing nothing', async () => {
    const response = await api.graphql(CREATE_EXPORT, { input: { type: 'INVENTORY', format: 'CSV' } }, auditor);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(response.body.errors?.[0]?.message).toBe('The read replica that serves reports is not reachable; export again later.');
    expect(await api.prisma.reportExport.count()).toBe(0);
  });

  it('stays ready: /readyz reports the replica as unreachable without failing', async () => {
    const response = await fetch(`${api.baseUrl}/readyz`);
    expect(response.status).toBe(200);
    const text = await response.text();
    const body = JSON.parse(text) as ReadinessBody;
    expect(body.status).toBe('ok');
    expect(body.details.reportsReplica).toMatchObject({ status: 'up', reachable: false, error: 'database not reachable' });
    expect(text).not.toContain('secret');
  });
});
