import { describe, expect, it } from '@jest/globals';
import { ResolveField, Resolver } from '@nestjs/graphql';
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
import { Allow, Public } from './authorization.decorators.js';
import { authorizeFieldResolvers, fieldRulesOf, type FieldAccess } from './field-authorization.js';

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

const RULES = new Map<string, FieldAccess>([
  ['Row.readable', { action: 'read', subject: 'Model' }],
  ['Row.writable', { action: 'update', subject: 'Model' }],
  ['Row.open', true],
  ['Row.unruled', undefined],
]);

/** A schema as Nest builds it: the resolvers handed over as a map, the rules read from the resolver classes. */
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
    RULES,
    refusals as unknown as AccessRefusals,
  ) as Record<string, Record<string, GraphQLFieldResolver<unknown, unknown>>>[];
  const { Query, Row } = resolvers[0]!;
  const row = new GraphQLObjectType({
    name: 'Row',
    fields: {
      id: { type: GraphQLString },
      readable: { type: GraphQLString, resolve: Row!['readable'] },
      writable: { type: GraphQLString, resolve: Row!['writable'] },
      open: { type: GraphQLString, resolve: Row!['open'] },
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
    const [map] = authorizeFieldResolvers(
      [{ Scalar: scalar, Enum: { A: 'a' } }],
      RULES,
      new RecordedRefusals() as never,
    ) as object[];
    expect(map).toEqual({ Scalar: scalar, Enum: { A: 'a' } });
    expect((map as { Scalar: unknown }).Scalar).toBe(scalar);
  });

  it("reads each field resolver's rule from its decorators, by the type and field it resolves", () => {
    @Resolver('Row')
    class RowResolver {
      @ResolveField()
      @Allow('read', 'Model')
      readable() {
        return 'r';
      }

      @ResolveField('renamed')
      @Public()
      open() {
        return 'o';
      }

      @ResolveField()
      unruled() {
        return 'u';
      }

      helper() {
        return 'not a field';
      }
    }
    expect(fieldRulesOf([RowResolver, 'not a class'])).toEqual(
      new Map<string, FieldAccess>([
        ['Row.readable', { action: 'read', subject: 'Model' }],
        ['Row.renamed', true],
        ['Row.unruled', undefined],
      ]),
    );
  });
});
