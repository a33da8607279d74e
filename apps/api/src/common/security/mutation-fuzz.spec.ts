import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { Role } from '@modelgate/domain/auth';
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { startTestApp, type TestApp, type TestSession } from '../../testing/test-app.js';

/** Values people and attackers send: the edges of every type, injections, and plain nonsense. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    "'; DROP TABLE app_user; --",
    '" OR 1=1 --',
    '<script>alert(1)</script>',
    '{"$where": "1"}',
    '../../etc/passwd',
    '=HYPERLINK("http://evil")',
    '\u0000\u0007\u001b[31m',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🧨 ‮reversed‬',
    'a'.repeat(100_000),
    '00000000-0000-0000-0000-000000000000',
    '2026-13-45T99:99:99Z',
    'NaN',
  ),
);
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 1, 2_147_483_648, -2_147_483_649, Number.MAX_SAFE_INTEGER, 1e308, 0.5),
);

function arbitraryFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return arbitraryFor(type.ofType, depth);
  if (isListType(type)) return fc.array(arbitraryFor(type.ofType, depth + 1), { maxLength: depth > 2 ? 1 : 4 });
  if (isInputObjectType(type)) {
    if (depth > 4) return fc.constant({});
    const fields = Object.values(type.getFields());
    // Required fields are always sent (else GraphQL refuses the variables before any of our code runs);
    // optional ones come and go.
    return fc.record(
      Object.fromEntries(
        fields.map((field) => [
          field.name,
          isNonNullType(field.type)
            ? arbitraryFor(field.type, depth + 1)
            : fc.option(arbitraryFor(field.type, depth + 1), { nil: undefined }),
        ]),
      ),
    );
  }
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((value) => value.value as unknown));
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return fc.integer({ min: -2_147_483_648, max: 2_147_483_647 });
      case 'Float':
        return hostileNumber;
      case 'Boolean':
        return fc.boolean();
      case 'JSON':
        return fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant({ countryGroups: {}, rules: [] }));
      default:
        return hostileText;
    }
  }
  return fc.constant(null);
}

function documentFor(field: GraphQLField<unknown, unknown>): string {
  const declarations = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const argumentList = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `mutation${declarations ? ` (${declarations})` : ''} { ${field.name}${argumentList ? `(${argumentList})` : ''}${selection} }`;
}

const RUNS_PER_MUTATION = 12;
const SKIPPED = new Set(['signIn', 'signOut']);

describe('every mutation under hostile input', () => {
  let api: TestApp;
  let everyone: TestSession;

  beforeAll(async () => {
    api = await startTestApp({ env: { RATE_LIMIT_MAX: '1000000' } });
    // One person with every role but auditor, so that inputs reach the services instead of the guard.
    everyone = await api.signInAs(Role.Admin, Role.ComplianceOfficer, Role.Reviewer, Role.Engineer);
  });
  afterAll(() => api.close());

  it('answers a typed error or a success — never a 500, a stack trace or SQL — and the audit chain still verifies', async () => {
    const schema = api.app.get(GraphQLSchemaHost).schema;
    const mutations = Object.values(schema.getMutationType()!.getFields()).filter((field) => !SKIPPED.has(field.name));
    expect(mutations.length).toBeGreaterThan(40);
    const seen = new Map<string, Set<string>>();
    for (const field of mutations) {
      const query = documentFor(field);
      const variables = fc.record(Object.fromEntries(field.args.map((arg) => [arg.name, arbitraryFor(arg.type)])));
      await fc.assert(
        fc.asyncProperty(variables, async (values) => {
          const response = await api.graphql(query, values, everyone);
          expect([200, 400, 413]).toContain(response.status);
          for (const error of response.body.errors ?? []) {
            const code = error.extensions?.code ?? 'NONE';
            seen.set(field.name, (seen.get(field.name) ?? new Set()).add(code));
            expect({ mutation: field.name, code }).not.toEqual({ mutation: field.name, code: 'INTERNAL_SERVER_ERROR' });
            expect(error.message).not.toMatch(/\n\s+at |prisma|SELECT |INSERT |violates|constraint/i);
          }
        }),
        { numRuns: RUNS_PER_MUTATION },
      );
    }
    const verification = await api.graphql<{ auditTrailVerification: { ok: boolean } }>(
      '{ auditTrailVerification { ok } }',
      {},
      everyone,
    );
    expect(verification.body.data!.auditTrailVerification.ok).toBe(true);
    // The hostile values reached validation: every mutation produced typed refusals, not just parse errors.
    for (const field of mutations) {
      const codes = seen.get(field.name) ?? new Set(['(success)']);
      expect({ mutation: field.name, onlyUnparsed: [...codes].every((code) => code === 'GRAPHQL_VALIDATION_FAILED') }).toEqual({
        mutation: field.name,
        onlyUnparsed: false,
      });
    }
  }, 300_000);
});
