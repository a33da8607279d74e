import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import net from 'node:net';
import { graphql, makeDataDir, signIn, startProductionServer, stopAllServers } from './support/production-server.js';

type Status = {
  systemStatus: {
    organizationName: string | null;
    database: { reachable: boolean; embedded: boolean; migrations: { upToDate: boolean } };
  };
  setting: { value: { at: string } };
};
const STATUS_QUERY = `{
  systemStatus { organizationName database { reachable embedded migrations { upToDate } } }
  setting(key: "demo.seeded_at") { value }
}`;

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('production start on the embedded database', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  beforeAll(async () => {
    data = await makeDataDir();
  });
  afterEach(() => stopAllServers());
  afterAll(() => data.remove());

  it('comes up on an empty data directory, migrates, seeds demo data, and stops its database on SIGTERM', async () => {
    const server = await startProductionServer(data.dir);
    const ready = await fetch(`${server.baseUrl}/readyz`);
    expect(ready.status).toBe(200);

    const status = await graphql<Status>(
      server.baseUrl,
      STATUS_QUERY,
      await signIn(server.baseUrl, 'admin@demo.modelgate.local'),
    );
    expect(status.systemStatus.organizationName).toBe('Northwind Financial (demo)');
    expect(status.systemStatus.database).toEqual({ reachable: true, embedded: true, migrations: { upToDate: true } });
    expect(server.output()).toContain('embedded PostgreSQL created and started');
    expect(server.output()).toContain('seeded demo data');
    expect(server.output()).toMatch(/Modelgate is running at http:\/\/localhost:\d+\//);
    await server.waitForOutput(/"reqId":"[^"]+","method":"POST","url":"\/graphql","statusCode":200.*"msg":"request completed"/);

    const pgPort = Number(/127\.0\.0\.1:(\d+)/.exec(server.output())?.[1]);
    expect(await portIsOpen(pgPort)).toBe(true);
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(await portIsOpen(pgPort)).toBe(false);
  });

  it('reuses the data on a second start: same demo data, no new cluster, no second seeding', async () => {
    const first = await startProductionServer(data.dir);
    const before = await graphql<Status>(
      first.baseUrl,
      STATUS_QUERY,
      await signIn(first.baseUrl, 'auditor@demo.modelgate.local'),
    );
    expect(await first.stop('SIGINT')).toBe(0);

    const second = await startProductionServer(data.dir);
    try {
      const after = await graphql<Status>(
        second.baseUrl,
        STATUS_QUERY,
        await signIn(second.baseUrl, 'auditor@demo.modelgate.local'),
      );
      expect(after.setting.value.at).toBe(before.setting.value.at);
      expect(second.output()).not.toContain('created and started');
      expect(second.output()).not.toContain('seeded demo data');
      expect(second.output()).toContain('database schema is up to date');
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });

  it('recovers after the previous run was killed: the stale database server is stopped and restarted', async () => {
    const crashed = await startProductionServer(data.dir);
    await crashed.stop('SIGKILL');

    const next = await startProductionServer(data.dir);
    try {
      expect(next.output()).toContain('stopping a PostgreSQL server left running by an earlier run');
      expect((await fetch(`${next.baseUrl}/readyz`)).status).toBe(200);
    } finally {
      expect(await next.stop()).toBe(0);
    }
  });

  it('refuses to start with a bad setting and names it', async () => {
    const { spawnSync } = await import('node:child_process');
    const { repositoryRoot } = await import('./support/production-server.js');
    const result = spawnSync(process.execPath, ['apps/api/dist/main.js'], {
      cwd: repositoryRoot,
      env: { PATH: process.env.PATH, PORT: 'eighty' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('PORT: must be a number (got "eighty")');
  });
});
