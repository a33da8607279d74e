import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createAppSetting, createPrismaClientForTests } from '@modelgate/db/testing';
import { ErrorCode } from '@modelgate/domain/errors';
import { startTestApp, type TestApp } from '../testing/test-app.js';

type SettingData = { setting: { key: string; value: unknown } };

describe('settings over GraphQL', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  it('returns a stored setting by key', async () => {
    const prisma = createPrismaClientForTests(api.databaseUrl);
    try {
      const stored = await createAppSetting(prisma, { value: { text: 'Risk & Compliance' } });
      const result = await api.graphql<SettingData>('query ($key: String!) { setting(key: $key) { key value } }', {
        key: stored.key,
      });
      expect(result.body.errors).toBeUndefined();
      expect(result.body.data?.setting).toEqual({ key: stored.key, value: { text: 'Risk & Compliance' } });
    } finally {
      await prisma.$disconnect();
    }
  });

  it('rejects a malformed key with VALIDATION_FAILED naming the field and the reason', async () => {
    const result = await api.graphql('{ setting(key: "Robert\'); DROP TABLE app_setting;--") { key } }');
    expect(result.status).toBe(200);
    expect(result.body.data).toBeNull();
    expect(result.body.errors).toEqual([
      expect.objectContaining({
        path: ['setting'],
        extensions: {
          code: ErrorCode.ValidationFailed,
          fields: [{ field: 'key', reason: 'must be dotted lower-case words, e.g. "organization.name"' }],
        },
      }),
    ]);
  });

  it('answers NOT_FOUND for a well-formed key that does not exist', async () => {
    const result = await api.graphql('{ setting(key: "no.such.setting") { key } }');
    expect(result.body.errors?.[0]?.extensions?.code).toBe(ErrorCode.NotFound);
    expect(result.body.errors?.[0]?.message).toBe('Setting "no.such.setting" was not found.');
  });

  it('lists settings in key order', async () => {
    const result = await api.graphql<{ settings: Array<{ key: string }> }>('{ settings { key } }');
    const keys = result.body.data?.settings.map((s) => s.key) ?? [];
    expect(keys).toEqual([...keys].sort());
  });
});
