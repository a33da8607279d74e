import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { findFreePort } from '@modelgate/db/testing';
import { ErrorCode } from '@modelgate/domain/errors';
import { startTestApp, type GraphqlResponse, type TestApp } from '../../testing/test-app.js';
import { GRAPHQL_LIMITS, withoutSuggestions } from './graphql-limits.js';

// Every abusive document below selects `settings`, whose resolver needs the database. The database is
// unreachable, so had anything executed, the answer would carry data or an execution error with a path
// (SERVICE_UNAVAILABLE, or UNAUTHENTICATED from the guard); a refusal has neither.
async function unreachableDatabaseUrl(): Promise<string> {
  return `postgresql://nobody:nothing@127.0.0.1:${await findFreePort()}/none`;
}

function codesOf(result: GraphqlResponse): string[] {
  return (result.body.errors ?? []).map((error) => error.extensions?.code ?? '');
}

/** The document passed parsing and validation: whatever the resolvers said, they ran. */
function expectExecuted(result: GraphqlResponse) {
  expect(result.status).toBe(200);
  for (const error of result.body.errors ?? []) expect(error.path?.length).toBeGreaterThan(0);
}

function expectRefusedBeforeExecution(result: GraphqlResponse, code: string, message: RegExp) {
  expect(result.status).toBe(400);
  expect(result.body.data ?? null).toBeNull();
  expect(codesOf(result)).toEqual([code]);
  expect(result.body.errors?.[0]?.message).toMatch(message);
}

const repeat = (count: number, make: (index: number) => string) => Array.from({ length: count }, (_, i) => make(i)).join(' ');

describe('GraphQL document limits', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ databaseUrl: await unreachableDatabaseUrl() });
  });
  afterAll(() => api.close());

  it('lets a normal document through to its resolvers', async () => {
    const result = await api.graphql('{ settings { key } }');
    expectExecuted(result);
    expect(result.body.errors?.[0]?.path).toEqual(['settings']);
  });

  it('lets operations with required variables through, before and after graphql-jit compiles them', async () => {
    const probe = 'query Probe($show: Boolean!) { shown: __typename @include(if: $show) hidden: __typename @skip(if: $show) }';
    for (const show of [true, false, true]) {
      const result = await api.graphql(probe, { show });
      expect(result.status).toBe(200);
      expect(result.body).toEqual({ data: show ? { shown: 'Query' } : { hidden: 'Query' } });
    }
    const setting = await api.graphql('query Setting($key: String!) { setting(key: $key) { key value } }', {
      key: 'organization.name',
    });
    expectExecuted(setting);
    expect(setting.body.errors?.[0]?.path).toEqual(['setting']);
  });

  it('lets a document at every limit through', async () => {
    const aliases = repeat(GRAPHQL_LIMITS.maxAliases, (i) => `a${i}: systemStatus { version }`);
    const directives = repeat(GRAPHQL_LIMITS.maxDirectives, () => '__typename @include(if: true)');
    expectExecuted(await api.graphql(`{ ${aliases} ${directives} }`));
  });

  it('refuses an alias flood with QUERY_TOO_COMPLEX', async () => {
    const aliases = repeat(GRAPHQL_LIMITS.maxAliases + 1, (i) => `a${i}: settings { key }`);
    const result = await api.graphql(`{ ${aliases} }`);
    expectRefusedBeforeExecution(result, ErrorCode.QueryTooComplex, /^Aliases limit of 15 exceeded, found 16\.$/);
  });

  it('refuses a directive flood with QUERY_TOO_COMPLEX', async () => {
    const directives = repeat(GRAPHQL_LIMITS.maxDirectives + 1, () => '__typename @include(if: true)');
    const result = await api.graphql(`{ settings { key ${directives} } }`);
    expectRefusedBeforeExecution(result, ErrorCode.QueryTooComplex, /^Directives limit of 20 exceeded, found 21\.$/);
  });

  it('refuses a document over the cost limit with QUERY_TOO_COMPLEX', async () => {
    // Each repetition is valid and shallow; together they cost more than the limit.
    const status = 'systemStatus { database { migrations { upToDate pending failed appliedCount latestApplied } } }';
    const result = await api.graphql(`{ settings { key } ${repeat(200, () => status)} }`);
    expectRefusedBeforeExecution(result, ErrorCode.QueryTooComplex, /^Query Cost limit of 5000 exceeded, found \d+/);
  });

  it('counts a fragment at every place it is spread', async () => {
    const fragment = 'fragment Status on Query { systemStatus { database { migrations { upToDate pending failed } } } }';
    const result = await api.graphql(`{ settings { key } ${repeat(300, () => '...Status')} } ${fragment}`);
    expectRefusedBeforeExecution(result, ErrorCode.QueryTooComplex, /^Query Cost limit of 5000 exceeded/);
  });

  it('refuses a token flood in the parser', async () => {
    const result = await api.graphql(`{ settings { key } ${repeat(GRAPHQL_LIMITS.maxTokens, () => '__typename')} }`);
    expectRefusedBeforeExecution(result, ErrorCode.GraphqlParseFailed, /more th\w+ 5000 tokens/);
  });

  it('answers the same refusal again from the validation cache', async () => {
    const document = `{ ${repeat(GRAPHQL_LIMITS.maxAliases + 1, (i) => `b${i}: settings { key }`)} }`;
    expectRefusedBeforeExecution(await api.graphql(document), ErrorCode.QueryTooComplex, /^Aliases limit/);
    expectRefusedBeforeExecution(await api.graphql(document), ErrorCode.QueryTooComplex, /^Aliases limit/);
  });

  it('refuses batched requests', async () => {
    const response = await fetch(`${api.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ settings { key } }' }, { query: '{ settings { key } }' }]),
    });
    const body = (await response.json()) as GraphqlResponse['body'];
    expect(response.status).toBe(400);
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toEqual([{ message: 'body must be object', extensions: { code: ErrorCode.GraphqlValidationFailed } }]);
  });

  it('allows introspection and suggestions outside production', async () => {
    const introspection = await api.graphql<{ __schema: { types: unknown[] } }>('{ __schema { types { name } } }');
    expect(introspection.status).toBe(200);
    expect(introspection.body.data?.__schema.types.length).toBeGreaterThan(0);
    const typo = await api.graphql('{ systemStatus { versio } }');
    expect(typo.body.errors?.[0]?.message).toBe('Cannot query field "versio" on type "SystemStatus". Did you mean "version"?');
  });
});

describe('GraphQL depth limit (GRAPHQL_MAX_DEPTH)', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ databaseUrl: await unreachableDatabaseUrl(), env: { GRAPHQL_MAX_DEPTH: '3' } });
  });
  afterAll(() => api.close());

  it('lets a document at the limit through', async () => {
    expectExecuted(await api.graphql('{ settings { key } systemStatus { database { reachable } } }'));
  });

  it('refuses a deeper document with QUERY_TOO_COMPLEX', async () => {
    const result = await api.graphql('{ settings { key } systemStatus { database { migrations { upToDate } } } }');
    expectRefusedBeforeExecution(result, ErrorCode.QueryTooComplex, /^Query depth limit of 3 exceeded, found 4\.$/);
  });

  it('measures fragments as if they were inlined', async () => {
    const result = await api.graphql(
      '{ settings { key } ...Status } fragment Status on Query { systemStatus { ... on SystemStatus { database { migrations { upToDate } } } } }',
    );
    expectRefusedBeforeExecution(result, ErrorCode.QueryTooComplex, /^Query depth limit of 3 exceeded, found 4\.$/);
    expectExecuted(
      await api.graphql(
        '{ settings { key } ...Status } fragment Status on Query { systemStatus { ... on SystemStatus { version } } }',
      ),
    );
  });
});

describe('GraphQL in production', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ databaseUrl: await unreachableDatabaseUrl(), env: { NODE_ENV: 'production' } });
  });
  afterAll(() => api.close());

  it('refuses introspection', async () => {
    const schema = await api.graphql('{ __schema { types { name } } }');
    expect(schema.status).toBe(400);
    expect(schema.body.data ?? null).toBeNull();
    expect(new Set(codesOf(schema))).toEqual(new Set([ErrorCode.GraphqlValidationFailed]));
    expect(schema.body.errors?.[0]?.message).toMatch(/introspection has been disabled/);

    const type = await api.graphql('{ __type(name: "SystemStatus") { fields { name } } }');
    expect(type.status).toBe(400);
    expect(new Set(codesOf(type))).toEqual(new Set([ErrorCode.GraphqlValidationFailed]));
  });

  it('does not suggest field names', async () => {
    const result = await api.graphql('{ systemStatus { versio } }');
    expect(result.status).toBe(400);
    expect(result.body.errors).toEqual([
      expect.objectContaining({
        message: 'Cannot query field "versio" on type "SystemStatus".',
        extensions: { code: ErrorCode.GraphqlValidationFailed },
      }),
    ]);
  });

  it('still answers __typename, and operations with required variables', async () => {
    const probe = 'query Probe($show: Boolean!) { __typename shown: __typename @include(if: $show) }';
    for (const show of [true, false]) {
      const result = await api.graphql(probe, { show });
      expect(result.status).toBe(200);
      expect(result.body).toEqual({ data: show ? { __typename: 'Query', shown: 'Query' } : { __typename: 'Query' } });
    }
  });
});

describe('withoutSuggestions', () => {
  it('drops "Did you mean" from validation messages written outside validate(), such as variable coercion', () => {
    const format = withoutSuggestions(() => ({
      statusCode: 400,
      response: {
        data: null,
        errors: [
          {
            message:
              'Variable "$input" got invalid value { nme: "x" }; Field "nme" is not defined by type "Input". Did you mean "name"?',
            extensions: { code: ErrorCode.GraphqlValidationFailed },
          },
          { message: 'Did you mean to keep this? Did you mean "this"?', extensions: { code: ErrorCode.ValidationFailed } },
        ],
      },
    }));
    expect(format().response.errors.map((error) => error.message)).toEqual([
      'Variable "$input" got invalid value { nme: "x" }; Field "nme" is not defined by type "Input".',
      'Did you mean to keep this? Did you mean "this"?',
    ]);
  });
});
