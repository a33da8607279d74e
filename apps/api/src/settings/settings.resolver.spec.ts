import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createAppSetting } from '@modelgate/db/testing';
import { Role } from '@modelgate/domain/auth';
import { ErrorCode } from '@modelgate/domain/errors';
import { startTestApp, type TestApp, type TestSession } from '../testing/test-app.js';

type SettingData = { setting: { key: string; value: unknown } };

describe('settings over GraphQL', () => {
  let api: TestApp;
  let admin: TestSession;
  beforeAll(async () => {
    api = await startTestApp();
    admin = await api.signInAs(Role.Admin);
  });
  afterAll(() => api.close());

  it('returns a stored setting by key', async () => {
    const stored = await createAppSetting(api.prisma, { value: { text: 'Risk & Compliance' } });
    const result = await api.graphql<SettingData>(
      'query ($key: String!) { setting(key: $key) { key value } }',
      { key: stored.key },
      admin,
    );
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data?.setting).toEqual({ key: stored.key, value: { text: 'Risk & Compliance' } });
  });

  it('rejects a malformed key with VALIDATION_FAILED naming the field and the reason', async () => {
    const result = await api.graphql('{ setting(key: "Robert\'); DROP TABLE app_setting;--") { key } }', undefined, admin);
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
    const result = await api.graphql('{ setting(key: "no.such.setting") { key } }', undefined, admin);
    expect(result.body.errors?.[0]?.extensions?.code).toBe(ErrorCode.NotFound);
    expect(result.body.errors?.[0]?.message).toBe('Setting "no.such.setting" was not found.');
  });

  it('refuses anonymous callers with UNAUTHENTICATED and engineers with FORBIDDEN', async () => {
    expect((await api.graphql('{ settings { key } }')).body.errors?.[0]?.extensions?.code).toBe(ErrorCode.Unauthenticated);
    const engineer = await api.signInAs(Role.Engineer);
    expect((await api.graphql('{ settings { key } }', undefined, engineer)).body.errors?.[0]?.extensions?.code).toBe(
      ErrorCode.Forbidden,
    );
  });

  it('lists settings in key order', async () => {
    const result = await api.graphql<{ settings: Array<{ key: string }> }>('{ settings { key } }', undefined, admin);
    const keys = result.body.data?.settings.map((s) => s.key) ?? [];
    expect(keys).toEqual([...keys].sort());
  });
});
