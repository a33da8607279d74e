import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { PrismaClient } from '@modelgate/db';
import { ChainVerifier } from '@modelgate/domain/audit';
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
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
} from 'graphql';
import { DemoDataSeeder } from '../../seed/demo-data.seeder.js';
import { startTestApp, type GraphqlResponse, type TestApp, type TestSession } from '../../testing/test-app.js';

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

/** Ids of rows that exist, so that inputs also get past "not found" into the services' deeper checks. */
type Pools = { ids: readonly string[] };

function arbitraryFor(type: GraphQLInputType, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return arbitraryFor(type.ofType, pools, depth);
  if (isListType(type)) return fc.array(arbitraryFor(type.ofType, pools, depth + 1), { maxLength: depth > 2 ? 1 : 4 });
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
            ? arbitraryFor(field.type, pools, depth + 1)
            : fc.option(arbitraryFor(field.type, pools, depth + 1), { nil: undefined }),
        ]),
      ),
    );
  }
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((value) => value.value as unknown));
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        // Small numbers too: record versions (`expectedVersion`) start at 1.
        return fc.oneof(fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }), fc.integer({ min: 0, max: 3 }));
      case 'Float':
        return hostileNumber;
      case 'Boolean':
        return fc.boolean();
      case 'JSON':
        return fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant({ countryGroups: {}, rules: [] }));
      case 'ID':
        return pools.ids.length ? fc.oneof(hostileText, fc.constantFrom(...pools.ids)) : hostileText;
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

// ---------------------------------------------------------------------------------------------
// Variables GraphQL itself must refuse: a required field left out, a null where one is required, a value of
// the wrong type (an object for a string, text for a number, an unknown enum value).

type Damage = { path: readonly string[]; kind: 'missing' | 'null' | 'wrong type'; value?: unknown };

/** A value of the wrong type for `type`; undefined for custom scalars, which may accept anything. */
function wrongValueFor(type: GraphQLInputType): unknown {
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (isListType(nullable)) {
    const item = wrongValueFor(nullable.ofType);
    return item === undefined ? undefined : [item];
  }
  if (isInputObjectType(nullable)) return 'not an object';
  if (isEnumType(nullable)) return 'NOT_A_VALUE';
  const byScalar: Record<string, unknown> = {
    String: { $ne: null },
    ID: { $gt: '' },
    Int: '1 OR 1=1',
    Float: 'Infinity',
    Boolean: 'true',
  };
  return byScalar[nullable.name];
}

/** Every way to damage the variables of a mutation, down through required input objects. */
function damagesOf(args: readonly GraphQLArgument[]): Damage[] {
  const damages: Damage[] = [];
  const visit = (entry: GraphQLArgument | GraphQLInputField, path: string[], depth: number) => {
    const required = isNonNullType(entry.type);
    if (required && entry.defaultValue === undefined) damages.push({ path, kind: 'missing' });
    if (required) damages.push({ path, kind: 'null', value: null });
    const wrong = wrongValueFor(entry.type);
    if (wrong !== undefined) damages.push({ path, kind: 'wrong type', value: wrong });
    if (depth < 3 && isNonNullType(entry.type) && isInputObjectType(entry.type.ofType)) {
      for (const field of Object.values(entry.type.ofType.getFields())) visit(field, [...path, field.name], depth + 1);
    }
  };
  for (const arg of args) visit(arg, [arg.name], 0);
  return damages;
}

function damaged(variables: Record<string, unknown>, damage: Damage): Record<string, unknown> {
  const copy = structuredClone(variables);
  let parent: Record<string, unknown> = copy;
  for (const key of damage.path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = damage.path.at(-1)!;
  if (damage.kind === 'missing') delete parent[last];
  else parent[last] = damage.value;
  return copy;
}

// ---------------------------------------------------------------------------------------------
// What a request wrote: every table's row count and the sum of its rows' xmin (the transaction that wrote
// each row version). An insert, update or delete in any table changes its fingerprint; a rolled-back write
// leaves no visible row version, so it changes nothing.

/** Rows any request may touch (a session's expiry or last-seen time): only their number is compared. */
const TOUCHED_BY_EVERY_REQUEST = new Set(['session']);

/** Not a table: the last audit event's seq, refusals included, to know when the chain grew. */
const AUDIT_HEAD = '(audit head)';

type Fingerprints = Record<string, string>;

/** Waits until no report export is queued or running (at most a minute). */
async function exportsFinished(prisma: PrismaClient): Promise<void> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    const rows = await prisma.$queryRawUnsafe<{ unfinished: number }[]>(
      `SELECT count(*)::int AS unfinished FROM report_export WHERE status IN ('QUEUED', 'RUNNING')`,
    );
    if (rows[0]?.unfinished === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('a report export was still unfinished after a minute');
}

async function fingerprinting(prisma: PrismaClient): Promise<() => Promise<Fingerprints>> {
  const tables = (
    await prisma.$queryRawUnsafe<{ name: string }[]>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`,
    )
  ).map((row) => row.name);
  expect(tables).toEqual(expect.arrayContaining(['audit_event', 'model_version', 'review_evidence']));
  const parts = tables.map((table) => {
    const quoted = `"${table.replaceAll('"', '""')}"`;
    if (TOUCHED_BY_EVERY_REQUEST.has(table)) return `SELECT '${table}' AS name, count(*)::text AS print FROM ${quoted}`;
    if (table === 'audit_event') {
      // Append-only (PostgreSQL refuses updates and deletes), so the last successful change's seq says it all.
      return `SELECT '${table}' AS name, coalesce((SELECT seq FROM audit_event WHERE outcome = 'SUCCESS' ORDER BY seq DESC LIMIT 1), 0)::text AS print`;
    }
    return `SELECT '${table}' AS name, count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) AS print FROM ${quoted}`;
  });
  parts.push(`SELECT '${AUDIT_HEAD}' AS name, coalesce((SELECT max(seq) FROM audit_event), 0)::text AS print`);
  const sql = parts.join(' UNION ALL ');
  return async () =>
    Object.fromEntries(
      (await prisma.$queryRawUnsafe<{ name: string; print: string }[]>(sql)).map((row) => [row.name, row.print]),
    );
}

/** The tables whose rows differ (the audit head aside). */
function changedTables(before: Fingerprints, after: Fingerprints): string[] {
  return Object.keys(after).filter((table) => table !== AUDIT_HEAD && before[table] !== after[table]);
}

/** Verifies the audit chain incrementally: each call hashes the events written since the last one. */
function auditChainFollower(prisma: PrismaClient): () => Promise<{ ok: boolean; message: string | null }> {
  const verifier = new ChainVerifier();
  let lastSeq: bigint | null = null;
  return async () => {
    const events = await prisma.auditEvent.findMany({
      where: lastSeq === null ? {} : { seq: { gt: lastSeq } },
      orderBy: { seq: 'asc' },
    });
    verifier.add(events);
    lastSeq = events.at(-1)?.seq ?? lastSeq;
    const result = verifier.result();
    return { ok: result.ok, message: result.firstBreak?.message ?? null };
  };
}

async function existingIds(prisma: PrismaClient): Promise<string[]> {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name AS name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'id' AND data_type = 'uuid' ORDER BY 1`,
  );
  const sql = tables
    .map(({ name }) => `(SELECT id::text AS id FROM "${name.replaceAll('"', '""')}" ORDER BY id LIMIT 4)`)
    .join(' UNION ALL ');
  return (await prisma.$queryRawUnsafe<{ id: string }[]>(sql)).map((row) => row.id);
}

/** What a typed error carries besides its message: its code, perhaps the bad fields and a request id. */
const TYPED_ERROR_EXTENSIONS = new Set(['code', 'fields', 'requestId']);

/** A typed error or a success: never a 500, an internal error, a stack trace, SQL or anything else. */
function expectTypedErrors(mutation: string, response: GraphqlResponse, seen: Map<string, Set<string>>) {
  expect({ mutation, status: [200, 400, 413].includes(response.status) ? 'typed' : response.status }).toEqual({
    mutation,
    status: 'typed',
  });
  for (const error of response.body.errors ?? []) {
    const code = error.extensions?.code ?? 'NONE';
    seen.set(mutation, (seen.get(mutation) ?? new Set()).add(code));
    const extra = Object.keys(error.extensions ?? {}).filter((key) => !TYPED_ERROR_EXTENSIONS.has(key));
    expect({ mutation, code, extra }).toEqual({
      mutation,
      code: expect.not.stringMatching(/^INTERNAL_SERVER_ERROR$/),
      extra: [],
    });
    expect(error.message).not.toMatch(/\n\s+at |prisma|SELECT |INSERT |violates|constraint|node_modules/i);
  }
}

const RUNS_PER_MUTATION = 12;
const MALFORMED_RUNS_PER_MUTATION = 3;
const SKIPPED = new Set(['signIn', 'signOut']);

describe('every mutation under hostile input', () => {
  let api: TestApp;
  let everyone: TestSession;
  let fingerprints: () => Promise<Fingerprints>;
  let followAuditChain: ReturnType<typeof auditChainFollower>;

  beforeAll(async () => {
    api = await startTestApp({ env: { RATE_LIMIT_MAX: '1000000' } });
    // Real records to aim at: providers, versions, deployments, requests, reviews, policies...
    await api.app.get(DemoDataSeeder).seedOnce();
    // One person with every role but auditor, so that inputs reach the services instead of the guard.
    everyone = await api.signInAs(Role.Admin, Role.ComplianceOfficer, Role.Reviewer, Role.Engineer);
    fingerprints = await fingerprinting(api.prisma);
    followAuditChain = auditChainFollower(api.prisma);
  });
  afterAll(() => api.close());

  it('notices a write that changes no row count, and a refusal that only records itself', async () => {
    const before = await fingerprints();
    await api.prisma.$executeRawUnsafe(
      `UPDATE provider SET name = name WHERE id = (SELECT id FROM provider ORDER BY id LIMIT 1)`,
    );
    expect(changedTables(before, await fingerprints())).toEqual(['provider']);

    const auditor = await api.signInAs(Role.Auditor);
    const quiet = await fingerprints();
    const denied = await api.graphql('mutation { createAuditCheckpoint { __typename } }', {}, auditor);
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const after = await fingerprints();
    expect(changedTables(quiet, after)).toEqual([]);
    expect(after[AUDIT_HEAD]).not.toBe(quiet[AUDIT_HEAD]);
  });

  it('answers a typed error or a success — never a 500, a stack trace or SQL — writes nothing when it refuses, audits what it changes, and keeps the audit chain intact', async () => {
    const schema = api.app.get(GraphQLSchemaHost).schema;
    const mutations = Object.values(schema.getMutationType()!.getFields()).filter((field) => !SKIPPED.has(field.name));
    expect(mutations.length).toBeGreaterThan(40);
    expect(mutations.map((field) => field.name)).toEqual(expect.arrayContaining(['attachModelWeights', 'submitScanReport']));
    expect(await followAuditChain()).toEqual({ ok: true, message: null });
    const seen = new Map<string, Set<string>>();
    const succeeded = new Set<string>();

    // Nothing else writes between two requests, so what one request left is what the next one starts from.
    let state = await fingerprints();
    for (const field of mutations) {
      const query = documentFor(field);
      const pools: Pools = { ids: await existingIds(api.prisma) };
      const variables = fc.record(Object.fromEntries(field.args.map((arg) => [arg.name, arbitraryFor(arg.type, pools)])));
      await fc.assert(
        fc.asyncProperty(variables, async (values) => {
          const before = state;
          const response = await api.graphql(query, values, everyone);
          expectTypedErrors(field.name, response, seen);
          // An export too large to run in the request finishes in the background: wait, so its writes are its own.
          if (field.name === 'createReportExport' && response.body.data?.createReportExport) await exportsFinished(api.prisma);
          state = await fingerprints();
          const changed = changedTables(before, state);
          const result = response.body.data?.[field.name];
          if (result === undefined || result === null) {
            // Refused: not one row anywhere was inserted, changed or deleted; a registration the policy denies
            // leaves only the gate's decision in its log (docs/policies.md), as a pipeline's question would.
            const policyDenied = response.body.errors?.[0]?.extensions?.code === 'POLICY_DENIED';
            expect({ mutation: field.name, changed }).toEqual({
              mutation: field.name,
              changed: policyDenied ? ['policy_decision'] : [],
            });
          } else {
            succeeded.add(field.name);
            // Whatever a mutation changes, it records in the audit trail in the same transaction.
            if (changed.length > 0)
              expect({ mutation: field.name, changed }).toEqual({
                mutation: field.name,
                changed: expect.arrayContaining(['audit_event']),
              });
          }
          if (state[AUDIT_HEAD] !== before[AUDIT_HEAD]) {
            expect({ mutation: field.name, chain: await followAuditChain() }).toEqual({
              mutation: field.name,
              chain: { ok: true, message: null },
            });
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
    // Some inputs got through (checkpoints, drift sweeps, policy drafts...): successes were checked for their audit too.
    expect(succeeded.size).toBeGreaterThanOrEqual(3);
  }, 300_000);

  it('refuses missing fields, nulls and values of the wrong type before any resolver runs, writing nothing', async () => {
    const schema = api.app.get(GraphQLSchemaHost).schema;
    const mutations = Object.values(schema.getMutationType()!.getFields()).filter((field) => !SKIPPED.has(field.name));
    const pools: Pools = { ids: await existingIds(api.prisma) };
    let checked = 0;
    let state = await fingerprints();
    for (const field of mutations) {
      const damages = damagesOf(field.args);
      if (damages.length === 0) continue;
      const query = documentFor(field);
      const variables = fc.record(Object.fromEntries(field.args.map((arg) => [arg.name, arbitraryFor(arg.type, pools)])));
      await fc.assert(
        fc.asyncProperty(variables, fc.constantFrom(...damages), async (values, damage) => {
          const before = state;
          const response = await api.graphql(query, damaged(values, damage), everyone);
          state = await fingerprints();
          const refusal = {
            mutation: field.name,
            damage: `${damage.kind} at ${damage.path.join('.')}`,
            status: response.status,
            data: response.body.data ?? null,
            codes: [...new Set((response.body.errors ?? []).map((error) => error.extensions?.code))],
          };
          expect(refusal).toEqual({ ...refusal, status: 400, data: null, codes: ['GRAPHQL_VALIDATION_FAILED'] });
          expect({ mutation: field.name, changed: changedTables(before, state) }).toEqual({
            mutation: field.name,
            changed: [],
          });
          checked += 1;
        }),
        { numRuns: MALFORMED_RUNS_PER_MUTATION },
      );
    }
    expect(checked).toBeGreaterThan(40 * MALFORMED_RUNS_PER_MUTATION);
  }, 120_000);
});
