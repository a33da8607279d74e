import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../testing/test-app.js';

type StatusData = {
  systemStatus: {
    version: string;
    environment: string;
    uptimeSeconds: number;
    organizationName: string | null;
    database: {
      reachable: boolean;
      embedded: boolean;
      serverVersion: string;
      migrations: { upToDate: boolean; appliedCount: number; latestApplied: string; pending: string[] };
    };
  };
};

describe('systemStatus over GraphQL', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  it('reports the version and a reachable, fully migrated database', async () => {
    const result = await api.graphql<StatusData>(`{ systemStatus {
      version environment uptimeSeconds organizationName
      database { reachable embedded serverVersion migrations { upToDate appliedCount latestApplied pending } } } }`);
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    const status = result.body.data!.systemStatus;
    expect(status.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(status.environment).toBe('test');
    expect(status.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(status.organizationName).toBeNull(); // no demo data in a test database
    expect(status.database).toMatchObject({ reachable: true, embedded: false, serverVersion: expect.stringMatching(/^15\./) });
    expect(status.database.migrations).toMatchObject({ upToDate: true, pending: [] });
    expect(status.database.migrations.appliedCount).toBeGreaterThan(0);
    expect(status.database.migrations.latestApplied).toMatch(/^\d{14}_/);
  });
});
