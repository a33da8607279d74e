import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@modelgate/domain/errors';
import { findFreePort } from '@modelgate/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app.js';

async function post(api: TestApp, body: string, contentType = 'application/json') {
  const response = await fetch(`${api.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': contentType }, body });
  const text = await response.text();
  return {
    status: response.status,
    text,
    json: JSON.parse(text) as {
      data: unknown;
      errors: Array<{ message: string; extensions: { code: string; requestId?: string } }>;
    },
  };
}

function expectNoInternals(text: string) {
  expect(text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\.ts:\d+|stack/i);
  expect(text).not.toMatch(/\bSELECT\b|\bFROM\b|prisma/i);
}

describe('GraphQL errors over HTTP', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  it('an unknown field is a GraphQL validation error with code GRAPHQL_VALIDATION_FAILED, not a crash', async () => {
    const result = await post(api, JSON.stringify({ query: '{ systemStatus { version colour } }' }));
    expect(result.status).toBe(400);
    expect(result.json.errors).toEqual([
      expect.objectContaining({
        message: 'Cannot query field "colour" on type "SystemStatus".',
        extensions: { code: ErrorCode.GraphqlValidationFailed },
      }),
    ]);
    // the server is still serving
    expect((await api.graphql('{ systemStatus { version } }')).status).toBe(200);
  });

  it('a syntax error is GRAPHQL_PARSE_FAILED', async () => {
    const result = await post(api, JSON.stringify({ query: '{ systemStatus { version ' }));
    expect(result.status).toBe(400);
    expect(result.json.errors[0]?.extensions.code).toBe(ErrorCode.GraphqlParseFailed);
  });

  it('a variable of the wrong type is GRAPHQL_VALIDATION_FAILED', async () => {
    const result = await post(
      api,
      JSON.stringify({ query: 'query ($key: String!) { setting(key: $key) { key } }', variables: { key: 42 } }),
    );
    expect(result.status).toBe(400);
    expect(result.json.errors[0]?.extensions.code).toBe(ErrorCode.GraphqlValidationFailed);
  });

  it('a body that is not JSON is BAD_REQUEST', async () => {
    const result = await post(api, '{"query": ');
    expect(result.status).toBe(400);
    expect(result.json.errors[0]?.extensions.code).toBe(ErrorCode.BadRequest);
    expectNoInternals(result.text);
  });

  it('a cross-site form post is refused as a CSRF attempt', async () => {
    const result = await post(api, 'query=%7B+settings+%7B+key+%7D+%7D', 'application/x-www-form-urlencoded');
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.json.errors[0]?.extensions.code).toBe(ErrorCode.BadRequest);
  });

  it('a document over the depth limit is rejected before execution', async () => {
    const deep = `{ systemStatus ${'{ database '.repeat(20)}${'}'.repeat(20)} }`;
    const result = await post(api, JSON.stringify({ query: deep }));
    expect(result.status).toBe(400);
    expect(result.json.errors.map((error) => error.extensions.code)).toContain(ErrorCode.QueryTooComplex);
  });

  it('a flood of tokens is refused by the parser', async () => {
    const result = await post(api, JSON.stringify({ query: `{ ${'systemStatus { version } '.repeat(2_000)} }` }));
    expect(result.status).toBe(400);
    expect(result.json.errors[0]?.extensions.code).toBe(ErrorCode.GraphqlParseFailed);
  });

  it('batched operations are not accepted', async () => {
    const result = await post(api, JSON.stringify([{ query: '{ settings { key } }' }, { query: '{ settings { key } }' }]));
    expect(result.status).toBe(400);
  });
});

describe('GraphQL errors when the database is down', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ databaseUrl: `postgresql://nobody:hunter2@127.0.0.1:${await findFreePort()}/none` });
  });
  afterAll(() => api.close());

  it('a query needing the database is SERVICE_UNAVAILABLE with a request id, and leaks no SQL, stack or credentials', async () => {
    const result = await post(api, JSON.stringify({ query: '{ settings { key value } }' }));
    expect(result.json.errors).toHaveLength(1);
    expect(result.json.errors[0]?.extensions.code).toBe(ErrorCode.ServiceUnavailable);
    expect(result.json.errors[0]?.extensions.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expectNoInternals(result.text);
    expect(result.text).not.toContain('hunter2');
  });

  it('systemStatus still answers and reports the database as unreachable', async () => {
    const result = await api.graphql<{ systemStatus: { database: { reachable: boolean; migrations: unknown } } }>(
      '{ systemStatus { database { reachable migrations { upToDate } } } }',
    );
    expect(result.status).toBe(200);
    expect(result.body.data?.systemStatus.database).toEqual({ reachable: false, migrations: null });
  });
});
