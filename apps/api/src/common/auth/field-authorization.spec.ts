import { describe, expect, it } from '@jest/globals';
import { defineAbilitiesFor, Role, type Principal } from '@modelgate/domain/auth';
import {
  graphql,
  GraphQLList,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  type GraphQLFieldResolver,
} from 'graphql';
import type { AccessRefusals } from './access-refusals.js';
import type { Actor } from './actor.js';
import { FIELD_ACCESS_EXTENSION } from './authorization.decorators.js';
import { authorizeFieldResolvers } from './field-authorization.js';

const auditor: Principal = {
  kind: 'user',
  userId: 'u1',
  email: 'auditor@example.com',
  displayName: 'Auditor',
  roles: [Role.Auditor],
  teamIds: [],
  reviewCategories: [],
  sessionId: 's1',
};

function actorOf(principal: Principal): Actor {
  return {
    principal,
    ability: defineAbilitiesFor(principal),
    channel: 'ADMIN_APP',
    requestId: null,
    ip: null,
    userAgent: null,
    csrfToken: null,
  };
}

/** Records what would be audited, and refuses as AccessRefusals does. */
class RecordedRefusals {
  readonly refused: { operation: string; reason: string }[] = [];
  refuse(_actor: Actor, operation: string, reason: string, error: Error): Promise<never> {
    this.refused.push({ operation, reason });
    return Promise.reject(error);
  }
}

const ROWS = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

/** A schema as Nest builds it: the rules in the fields' extensions, the resolvers handed over as a map. */
function schemaWith(refusals: RecordedRefusals): GraphQLSchema {
  const resolved: GraphQLFieldResolver<{ id: string }, unknown> = (row, _args, _context, info) =>
    `${info.fieldName} of ${row.id}`;
  const resolvers = authorizeFieldResolvers(
    [
      {
        Query: { rows: () => ROWS },
        Row: { readable: resolved, writable: resolved, open: resolved, unruled: resolved },
      },
    ],
    refusals as unknown as AccessRefusals,
  ) as Record<string, Record<string, GraphQLFieldResolver<unknown, unknown>>>[];
  const { Query, Row } = resolvers[0]!;
  const row = new GraphQLObjectType({
    name: 'Row',
    fields: {
      id: { type: GraphQLString },
      readable: {
        type: GraphQLString,
        resolve: Row!['readable'],
        extensions: { [FIELD_ACCESS_EXTENSION]: { action: 'read', subject: 'Model' } },
      },
      writable: {
        type: GraphQLString,
        resolve: Row!['writable'],
        extensions: { [FIELD_ACCESS_EXTENSION]: { action: 'update', subject: 'Model' } },
      },
      open: { type: GraphQLString, resolve: Row!['open'], extensions: { [FIELD_ACCESS_EXTENSION]: true } },
      unruled: { type: GraphQLString, resolve: Row!['unruled'] },
    },
  });
  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { rows: { type: new GraphQLList(row), resolve: Query!['rows'] } } }),
  });
}

async function run(selection: string, principal: Principal) {
  const refusals = new RecordedRefusals();
  const result = await graphql({
    schema: schemaWith(refusals),
    source: `{ rows { id ${selection} } }`,
    contextValue: { actor: actorOf(principal) },
  });
  return { result, refused: refusals.refused };
}

describe('field authorisation', () => {
  it('resolves a field whose rule the caller meets, and a public one, for every row', async () => {
    const { result, refused } = await run('readable open', auditor);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      rows: ROWS.map(({ id }) => ({ id, readable: `readable of ${id}`, open: `open of ${id}` })),
    });
    expect(refused).toEqual([]);
  });

  it('refuses a field the caller may not use on every row, recording the refusal once per request', async () => {
    const { result, refused } = await run('readable writable', auditor);
    expect(result.errors?.map((error) => [error.path, error.message])).toEqual(
      ROWS.map((_, index) => [['rows', index, 'writable'], 'You are not allowed to do this.']),
    );
    expect((result.data as { rows: { readable: string }[] }).rows.map((row) => row.readable)).toEqual(
      ROWS.map(({ id }) => `readable of ${id}`),
    );
    expect(refused).toEqual([{ operation: 'Row.writable', reason: 'cannot update Model' }]);
  });

  it('denies a field resolver that has no rule, and tells the anonymous to sign in', async () => {
    const { result, refused } = await run('unruled readable', { kind: 'anonymous' });
    expect(new Set(result.errors?.map((error) => error.message))).toEqual(new Set(['Sign in to do this.']));
    expect(refused).toEqual([
      { operation: 'Row.unruled', reason: 'operation has no access rule (denied by default)' },
      { operation: 'Row.readable', reason: 'cannot read Model' },
    ]);
  });

  it('leaves scalars and enum values as they are', () => {
    const scalar = new GraphQLScalarType({ name: 'When' });
    const [map] = authorizeFieldResolvers([{ Scalar: scalar, Enum: { A: 'a' } }], new RecordedRefusals() as never) as object[];
    expect(map).toEqual({ Scalar: scalar, Enum: { A: 'a' } });
    expect((map as { Scalar: unknown }).Scalar).toBe(scalar);
  });
});
