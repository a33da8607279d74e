import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SettingKey } from '@modelgate/domain/settings';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { DEMO_ORGANIZATION_NAME, DemoDataSeeder } from './demo-data.seeder.js';

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

    const result = await api.graphql<{ setting: { value: { text: string } } }>(
      `{ setting(key: "${SettingKey.OrganizationName}") { value } }`,
    );
    expect(result.body.data?.setting.value.text).toBe(DEMO_ORGANIZATION_NAME);
  });
});
