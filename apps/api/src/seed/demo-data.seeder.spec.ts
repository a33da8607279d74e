import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SettingKey } from '@modelgate/domain/settings';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { DEMO_ORGANIZATION_NAME, DEMO_PASSWORD, DEMO_USERS, DemoDataSeeder } from './demo-data.seeder.js';

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
  });

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
