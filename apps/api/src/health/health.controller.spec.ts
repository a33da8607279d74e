import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, findFreePort, testPostgresAdminUrl, type TestDatabase } from '@modelgate/db/testing';
import { startTestApp, type TestApp } from '../testing/test-app.js';

describe('health endpoints over HTTP', () => {
  describe('on a migrated database', () => {
    let api: TestApp;
    beforeAll(async () => {
      api = await startTestApp();
    });
    afterAll(() => api.close());

    it('GET /healthz answers 200 with status ok', async () => {
      const response = await fetch(`${api.baseUrl}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok' });
    });

    it('GET /readyz is ready: database up, every migration applied', async () => {
      const response = await fetch(`${api.baseUrl}/readyz`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { status: string; details: Record<string, { status: string; pending?: string[] }> };
      expect(body.status).toBe('ok');
      expect(body.details.database?.status).toBe('up');
      expect(body.details.migrations).toMatchObject({ status: 'up', pending: [] });
    });

    it('echoes a sane x-request-id and invents one otherwise', async () => {
      const given = await fetch(`${api.baseUrl}/healthz`, { headers: { 'x-request-id': 'ci-run-42' } });
      expect(given.headers.get('x-request-id')).toBe('ci-run-42');
      const hostile = await fetch(`${api.baseUrl}/healthz`, { headers: { 'x-request-id': '<script>' } });
      expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('on a database without migrations', () => {
    let api: TestApp;
    let empty: TestDatabase;
    beforeAll(async () => {
      empty = await createTestDatabase(testPostgresAdminUrl(), { empty: true });
      api = await startTestApp({ databaseUrl: empty.url });
    });
    afterAll(async () => {
      await api.close();
      await empty.drop();
    });

    it('GET /readyz answers 503 and lists the pending migrations', async () => {
      const response = await fetch(`${api.baseUrl}/readyz`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { details: Record<string, { status: string; pending?: string[] }> };
      expect(body.details.database?.status).toBe('up');
      expect(body.details.migrations?.status).toBe('down');
      expect(body.details.migrations?.pending?.length).toBeGreaterThan(0);
    });

    it('GET /healthz still answers 200: liveness does not depend on the database', async () => {
      expect((await fetch(`${api.baseUrl}/healthz`)).status).toBe(200);
    });
  });

  describe('when the database cannot be reached', () => {
    let api: TestApp;
    beforeAll(async () => {
      api = await startTestApp({ databaseUrl: `postgresql://nobody:secret@127.0.0.1:${await findFreePort()}/none` });
    });
    afterAll(() => api.close());

    it('GET /readyz answers 503 naming the cause, without the connection string', async () => {
      const response = await fetch(`${api.baseUrl}/readyz`);
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({
        status: 'error',
        error: { database: { status: 'down', error: 'database not reachable' } },
      });
      expect(text).not.toContain('secret');
    });
  });
});
