import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  Field,
  GraphQLSchemaBuilderModule,
  GraphQLSchemaFactory,
  Int,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
  type FieldMiddleware,
} from '@nestjs/graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { execute, parse, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { definedResolversOf, readPropertiesInline } from './property-fields.js';

const shout: FieldMiddleware = async (_context, next) => String(await next()).toUpperCase();

@ObjectType()
class Owner {
  @Field()
  name!: string;
}

@ObjectType()
class Row {
  @Field()
  id!: string;

  @Field({ name: 'label' })
  title!: string;

  @Field(() => Int, { nullable: true, defaultValue: 7 })
  weight?: number;

  @Field({ middleware: [shout] })
  status!: string;

  @Field(() => Owner, { nullable: true })
  owner?: Owner | null;

  @Field(() => [String])
  tags!: string[];
}

@Resolver(() => Row)
class RowResolver {
  @Query(() => [Row])
  rows(): Row[] {
    return [];
  }

  @ResolveField(() => String)
  summary(@Parent() row: Row): string {
    return `${row.id}: ${row.title}`;
  }
}

const ROWS = [
  { id: 'a', title: 'First', weight: 3, status: 'approved', owner: { name: 'Ada' }, tags: ['x', 'y'] },
  { id: 'b', title: 'Second', status: 'pending', owner: null, tags: [] },
];

/** What the app's resolver map would define for this schema. */
const DEFINED = new Set(['Query.rows', 'Row.summary']);

const QUERY = parse('{ rows { id label weight status owner { name } tags summary } }');

describe('readPropertiesInline', () => {
  let moduleRef: TestingModule;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({ imports: [GraphQLSchemaBuilderModule] }).compile();
  });
  afterAll(() => moduleRef.close());

  /** A schema as Nest's code-first builder makes it, with `summary` resolved as the app's resolver map would. */
  async function codeFirstSchema(): Promise<GraphQLSchema> {
    const schema = await moduleRef.get(GraphQLSchemaFactory).create([RowResolver]);
    const row = schema.getType('Row') as GraphQLObjectType;
    row.getFields().summary!.resolve = (source: Row) => `${source.id}: ${source.title}`;
    return schema;
  }

  const resolverOf = (schema: GraphQLSchema, type: string, field: string) =>
    (schema.getType(type) as GraphQLObjectType).getFields()[field]!.resolve;

  it('removes the resolvers that only return the property of the field’s own name', async () => {
    const schema = readPropertiesInline(await codeFirstSchema(), DEFINED);

    for (const [type, field] of [
      ['Row', 'id'],
      ['Row', 'owner'],
      ['Row', 'tags'],
      ['Owner', 'name'],
    ] as const) {
      expect({ field: `${type}.${field}`, resolve: resolverOf(schema, type, field) }).toEqual({
        field: `${type}.${field}`,
        resolve: undefined,
      });
    }
  });

  it('keeps a renamed property’s, a default value’s, a field middleware’s and a defined resolver', async () => {
    const built = await codeFirstSchema();
    const before = ['label', 'weight', 'status', 'summary'].map((field) => resolverOf(built, 'Row', field));
    expect(before.every((resolve) => typeof resolve === 'function')).toBe(true);

    const schema = readPropertiesInline(built, DEFINED);

    expect(['label', 'weight', 'status', 'summary'].map((field) => resolverOf(schema, 'Row', field))).toEqual(before);
  });

  it('answers a compiled query exactly as the untouched schema does', async () => {
    const untouched = await execute({ schema: await codeFirstSchema(), document: QUERY, rootValue: { rows: ROWS } });
    const compiled = compileQuery(readPropertiesInline(await codeFirstSchema(), DEFINED), QUERY);
    if (!isCompiledQuery(compiled)) throw new Error(JSON.stringify(compiled));

    const inline = await compiled.query({ rows: ROWS }, {}, {});

    expect(inline).toEqual(untouched);
    expect(inline.data).toEqual({
      rows: [
        { id: 'a', label: 'First', weight: 3, status: 'APPROVED', owner: { name: 'Ada' }, tags: ['x', 'y'], summary: 'a: First' },
        { id: 'b', label: 'Second', weight: 7, status: 'PENDING', owner: null, tags: [], summary: 'b: Second' },
      ],
    });
  });
});

describe('definedResolversOf', () => {
  it('names each field a resolver map defines, and not scalars', () => {
    const defined = definedResolversOf([
      { Query: { rows: () => [] }, Row: { summary: () => '', __resolveType: undefined } },
      { Mutation: { save: () => true }, JSON: new (class Scalar {})() },
    ]);

    expect([...defined].sort()).toEqual(['Mutation.save', 'Query.rows', 'Row.summary']);
  });
});
