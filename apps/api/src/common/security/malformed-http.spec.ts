import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@modelgate/domain/auth';
import { ErrorCode } from '@modelgate/domain/errors';
import { MAX_INPUT_DEPTH } from '@modelgate/domain/validation';
import { startTestApp, type TestApp, type TestSession } from '../../testing/test-app.js';
import { GRAPHQL_LIMITS } from './graphql-limits.js';

/** The body limit of every route (create-app.ts). */
const BODY_LIMIT_BYTES = 20 * 1024 * 1024;

type Answer = {
  status: number;
  contentType: string | null;
  text: string;
  json: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string; fields?: unknown[] } }> };
};

async function send(api: TestApp, path: string, init: RequestInit): Promise<Answer> {
  const response = await fetch(`${api.baseUrl}${path}`, init);
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    text,
    json: JSON.parse(text) as Answer['json'],
  };
}

function post(api: TestApp, body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return send(api, '/graphql', { method: 'POST', headers, body });
}

const codesOf = (answer: Answer) => (answer.json.errors ?? []).map((error) => error.extensions?.code);

/** A refusal a client can act on: JSON in the GraphQL error shape, one code, nothing executed, no internals. */
function expectRefused(answer: Answer, status: number, code: string, message?: RegExp) {
  expect({
    status: answer.status,
    contentType: answer.contentType,
    data: answer.json.data ?? null,
    codes: codesOf(answer),
  }).toEqual({
    status,
    contentType: 'application/json; charset=utf-8',
    data: null,
    codes: [code],
  });
  if (message) expect(answer.json.errors?.[0]?.message).toMatch(message);
  expect(answer.text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\.[jt]s:\d+|stack|Maximum call stack|prisma|\bSELECT\b/i);
}

const nestedArrays = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('malformed HTTP requests', () => {
  let api: TestApp;
  let engineer: TestSession;
  let asEngineer: Record<string, string>;
  const teams = () => api.prisma.team.count();

  beforeAll(async () => {
    api = await startTestApp({ env: { RATE_LIMIT_MAX: '1000000' } });
    engineer = await api.signInAs(Role.Admin, Role.Engineer);
    asEngineer = { cookie: engineer.cookie, 'x-csrf-token': engineer.csrfToken };
  });
  afterAll(() => api.close());

  it('refuses bodies that are not JSON, or empty, or poisoned with __proto__, with BAD_REQUEST in plain words', async () => {
    for (const body of [
      '{"query": ',
      'query { systemStatus { version } }',
      '',
      '{"query":"{ __typename }","__proto__":{"admin":true}}',
    ]) {
      const answer = await post(api, body);
      expectRefused(answer, 400, ErrorCode.BadRequest, /^Body (is not valid JSON|cannot be empty)/);
    }
  });

  it('never inflates a compressed body: a gzip bomb is read as the bytes it is and refused', async () => {
    const padding = ' '.repeat(BODY_LIMIT_BYTES * 5);
    const bomb = gzipSync(`{"query": "{ __typename }", "variables": {}${padding}}`);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const answer = await post(api, bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expectRefused(answer, 400, ErrorCode.BadRequest, /^Body is not valid JSON/);
  });

  it('refuses content types a cross-site form can send, and any other non-JSON type, before running a mutation', async () => {
    const before = await teams();
    const mutation = JSON.stringify({
      query: 'mutation ($input: CreateTeamInput!) { createTeam(input: $input) { id } }',
      variables: { input: { name: 'Forged', slug: 'forged-by-csrf' } },
    });
    const multipart = `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${mutation}\r\n--x--\r\n`;
    for (const [contentType, body] of [
      ['text/plain', mutation],
      ['text/plain;charset=UTF-8', mutation],
      ['application/x-www-form-urlencoded', `query=${encodeURIComponent('mutation { createAuditCheckpoint { seq } }')}`],
      ['multipart/form-data; boundary=x', multipart],
      ['application/xml', '<query/>'],
      [undefined, mutation],
    ] as const) {
      const answer = await post(api, body, { ...asEngineer, ...(contentType ? { 'content-type': contentType } : {}) });
      expectRefused(answer, 400, ErrorCode.BadRequest, /Cross-Site Request Forgery/);
    }
    expect(await teams()).toBe(before);
  });

  it('refuses a mutation over GET, even with the header that passes the CSRF check', async () => {
    const query = encodeURIComponent('mutation { createAuditCheckpoint { seq } }');
    expectRefused(await send(api, `/graphql?query=${query}`, { headers: asEngineer }), 400, ErrorCode.BadRequest, /Cross-Site/);
    const preflighted = await send(api, `/graphql?query=${query}`, {
      headers: { ...asEngineer, 'mercurius-require-preflight': 'true' },
    });
    expectRefused(preflighted, 400, ErrorCode.GraphqlValidationFailed, /^Operation cannot be performed via a GET request$/);
  });

  it('answers a body over the limit with 413 and a plain message', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { padding: 'a'.repeat(BODY_LIMIT_BYTES) } });
    expectRefused(await post(api, body), 413, ErrorCode.BadRequest, /^Request body is too large$/);
  });

  it('refuses a body that is not one operation: batches, other JSON values, wrong member types', async () => {
    for (const [body, message] of [
      [JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]), /^body must be object$/],
      ['null', /^body must be object$/],
      ['"{ __typename }"', /^body must be object$/],
      [JSON.stringify({ query: { kind: 'Document', definitions: [] } }), /^body\/query must be string$/],
      [JSON.stringify({ query: '{ __typename }', variables: '{"a":1}' }), /^body\/variables must be object,null$/],
    ] as const) {
      expectRefused(await post(api, body), 400, ErrorCode.GraphqlValidationFailed, message);
    }
    expectRefused(await post(api, '{}'), 400, ErrorCode.BadRequest, /^Unknown query$/);
  });

  it('refuses a query that is not a GraphQL document with the parser’s message, JSON syntax trees included', async () => {
    // Mercurius reads a query that does not parse as a JSON-encoded syntax tree; these crashed validation (500).
    const tree = {
      kind: 'Document',
      definitions: [
        {
          kind: 'OperationDefinition',
          operation: 'query',
          selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: '__typename' } }] },
        },
      ],
    };
    for (const [query, message] of [
      ['{}', /^Syntax Error: Expected Name, found "}"\.$/],
      ['5', /^Syntax Error: Unexpected Int "5"\.$/],
      ['null', /^Syntax Error: Unexpected Name "null"\.$/],
      ['[]', /^Syntax Error: Unexpected "\["\.$/],
      [JSON.stringify(tree), /^Syntax Error: Expected Name, found String "kind"\.$/],
      [JSON.stringify({ kind: 'Document', definitions: [{ kind: 'OperationDefinition' }] }), /^Syntax Error/],
    ] as const) {
      expectRefused(await post(api, JSON.stringify({ query })), 400, ErrorCode.GraphqlParseFailed, message);
    }
    // A syntax tree bypasses the parser's token limit; it is refused however small.
    const wide = { ...tree, definitions: [{ ...tree.definitions[0], selectionSet: { kind: 'SelectionSet', selections: [] } }] };
    expectRefused(await post(api, JSON.stringify({ query: JSON.stringify(wide) })), 400, ErrorCode.GraphqlParseFailed);
  });

  it('refuses JSON nested too deeply, as a variable or in the document, before any resolver runs', async () => {
    const preview = 'query ($policy: JSON!) { policyPreview(policy: $policy) { deploymentsChecked } }';
    // Twice each: Mercurius compiles a document with graphql-jit once it has seen it, which reports scalars' refusals differently.
    for (const levels of [MAX_INPUT_DEPTH + 1, 100_000, MAX_INPUT_DEPTH + 1, 100_000]) {
      const answer = await post(api, `{"query":${JSON.stringify(preview)},"variables":{"policy":${nestedArrays(levels)}}}`, {
        'content-type': 'application/json',
        ...asEngineer,
      });
      expectRefused(answer, 400, ErrorCode.GraphqlValidationFailed, /JSON must not nest more than 64 levels deep$/);
    }
    const literal = (levels: number) =>
      JSON.stringify({ query: `{ policyPreview(policy: ${nestedArrays(levels)}) { deploymentsChecked } }` });
    expectRefused(await post(api, literal(MAX_INPUT_DEPTH + 1)), 400, ErrorCode.GraphqlValidationFailed, /^JSON must not nest/);
    // As deep as the token limit allows: deep enough to exhaust the parser's stack (or, where the stack is
    // larger, refused by the JSON scalar), never the engine's "Maximum call stack size exceeded".
    const deepest = await post(api, literal(Math.floor((GRAPHQL_LIMITS.maxTokens - 20) / 2)));
    expect([
      [ErrorCode.QueryTooComplex, 'The document is nested too deeply.'],
      [ErrorCode.GraphqlValidationFailed, 'JSON must not nest more than 64 levels deep'],
    ]).toContainEqual([codesOf(deepest)[0], deepest.json.errors?.[0]?.message]);
    expectRefused(deepest, 400, codesOf(deepest)[0]!);
  });

  it('answers a list 200 times too long with the field’s own limit', async () => {
    const ids = Array.from({ length: 100_000 }, (_, index) => String(index));
    const answer = await post(
      api,
      JSON.stringify({ query: 'mutation ($ids: [ID!]) { markNotificationsRead(input: { ids: $ids }) }', variables: { ids } }),
      { 'content-type': 'application/json', ...asEngineer },
    );
    expect(answer.status).toBe(200);
    expect(codesOf(answer)).toEqual([ErrorCode.ValidationFailed]);
    expect(answer.json.errors?.[0]?.extensions?.fields).toEqual([
      { field: 'input.ids', reason: 'must name at most 500 notifications' },
    ]);
  });

  describe('the decision route (/api/v1/decisions)', () => {
    const decide = (body: string, headers: Record<string, string> = {}) =>
      send(api, '/api/v1/decisions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...asEngineer, ...headers },
        body,
      });

    it('refuses a body that is not JSON, or too large, with a JSON message and the matching status', async () => {
      const broken = await decide('{"modelVersionId": ');
      expect({ status: broken.status, contentType: broken.contentType }).toEqual({
        status: 400,
        contentType: 'application/json; charset=utf-8',
      });
      expect(broken.json).toMatchObject({ message: "Body is not valid JSON but content-type is set to 'application/json'" });
      const huge = await decide(`"${'a'.repeat(BODY_LIMIT_BYTES)}"`);
      expect({ status: huge.status, contentType: huge.contentType }).toEqual({
        status: 413,
        contentType: 'application/json; charset=utf-8',
      });
      expect(huge.json).toMatchObject({ message: 'Request body is too large' });
    });

    it('refuses a body of the wrong shape or nested too deeply with VALIDATION_FAILED, never a 500', async () => {
      for (const body of ['null', '[{}, {}]', '"text"', nestedArrays(100_000), `{"modelVersionId":${nestedArrays(100_000)}}`]) {
        const answer = await decide(body);
        expect({ status: answer.status, codes: codesOf(answer) }).toEqual({ status: 400, codes: [ErrorCode.ValidationFailed] });
        expect(answer.text).not.toMatch(/stack|node_modules|Maximum call stack/i);
      }
    });
  });

  it('is still serving after all of it', async () => {
    const answer = await post(api, JSON.stringify({ query: '{ systemStatus { version } }' }));
    expect(answer.status).toBe(200);
  });
});
