import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadCatalog } from '@modelgate/catalog';
import { REQUEST_STATES } from '@modelgate/domain/approvals';
import { SettingKey } from '@modelgate/domain/settings';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { DEMO_ORGANIZATION_NAME, DEMO_PASSWORD, DEMO_USERS, DemoDataSeeder } from './demo-data.seeder.js';
import { DEMO_DEPLOYMENTS } from './demo-inventory.js';

describe('demo data seeding', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  it('seeds exactly once, even when two starts race', async () => {
    const seeder = api.app.get(DemoDataSeeder);
    const results = await Promise.allSettled([seeder.seedOnce(), seeder.seedOnce(), seeder.seedOnce()]);
    const seeded = results.filter((r) => r.status === 'fulfilled' && r.value === true);
    expect(seeded).toHaveLength(1);
    expect(await seeder.seedOnce()).toBe(false);
    expect(await api.prisma.user.count()).toBe(DEMO_USERS.length);
  }, 60_000);

  it('creates one user per role who can sign in with the documented password and sees their roles', async () => {
    for (const demoUser of DEMO_USERS) {
      const session = await api.signIn(demoUser.email, DEMO_PASSWORD);
      const result = await api.graphql<{ viewer: { email: string; roles: string[]; teams: Array<{ slug: string }> } }>(
        '{ viewer { email roles teams { slug } } }',
        undefined,
        session,
      );
      expect(result.body.data?.viewer).toEqual({
        email: demoUser.email,
        roles: [...demoUser.roles],
        teams: demoUser.teams.map((slug) => ({ slug })),
      });
    }
  });

  it('loads the shipped catalog and the demo deployments into the inventory, with derived facts', async () => {
    const catalog = loadCatalog();
    expect(await api.prisma.modelVersion.count()).toBe(catalog.modelVersions.length);
    expect(await api.prisma.provider.count()).toBe(catalog.providers.length);
    expect(await api.prisma.license.count()).toBe(catalog.licenses.length);

    const engineer = await api.signIn('engineer@demo.modelgate.local', DEMO_PASSWORD);
    const result = await api.graphql<{
      modelVersions: { edges: Array<{ node: { effectiveOrigin: string[]; provider: { name: string } } }> };
      deployments: { totalCount: number };
    }>(
      `{ modelVersions(first: 1, filter: { search: "DeepSeek-R1-Distill-Llama-70B" }) { edges { node { effectiveOrigin provider { name } } } }
         deployments(first: 10) { totalCount } }`,
      undefined,
      engineer,
    );
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data?.modelVersions.edges[0]?.node).toEqual({
      effectiveOrigin: ['CN', 'US'],
      provider: { name: 'DeepSeek' },
    });
    expect(result.body.data?.deployments.totalCount).toBe(DEMO_DEPLOYMENTS.length);
  });

  it('plays approval stories through the workflow so every request state is shown, with a linked re-review', async () => {
    const states = await api.prisma.approvalRequest.groupBy({ by: ['state'], _count: { _all: true } });
    expect(states.map((row) => row.state).sort()).toEqual([...REQUEST_STATES].sort());
    const renewal = await api.prisma.approvalRequest.findFirst({
      where: { previousRequestId: { not: null } },
      select: { cycle: true },
    });
    expect(renewal).toEqual({ cycle: 2 });
    expect(await api.prisma.notification.count()).toBeGreaterThan(0);
  });

  it('stores the organization name and audits every record it created, in a chain that verifies', async () => {
    const admin = await api.signIn('admin@demo.modelgate.local', DEMO_PASSWORD);
    const setting = await api.graphql<{ setting: { value: { text: string } } }>(
      `{ setting(key: "${SettingKey.OrganizationName}") { value } }`,
      undefined,
      admin,
    );
    expect(setting.body.data?.setting.value.text).toBe(DEMO_ORGANIZATION_NAME);

    const created = await api.prisma.auditEvent.findMany({
      where: { action: 'user.create' },
      select: { actorType: true, actorLabel: true, after: true },
    });
    expect(created).toHaveLength(DEMO_USERS.length);
    expect(created.every((e) => e.actorType === 'SYSTEM' && e.actorLabel === 'demo-seed')).toBe(true);
    expect(JSON.stringify(created)).not.toContain('scrypt$'); // no password hash in the trail

    const verification = await api.graphql<{ auditTrailVerification: { ok: boolean } }>(
      '{ auditTrailVerification { ok } }',
      undefined,
      admin,
    );
    expect(verification.body.data?.auditTrailVerification.ok).toBe(true);
  });
});
