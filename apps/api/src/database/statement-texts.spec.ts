import { describe, expect, it } from '@jest/globals';
import { Prisma } from '@modelgate/db';
import { StatementTexts } from './statement-texts.js';

const byId = (id: string) => Prisma.sql`SELECT * FROM model_version v WHERE ${Prisma.sql`v.id = ${id}::uuid`}`;
const byName = (name: string) => Prisma.sql`SELECT * FROM model_version v WHERE ${Prisma.sql`v.version_name ILIKE ${name}`}`;

describe('StatementTexts', () => {
  it('builds the text once per shape and binds each call its own values', () => {
    const statements = new StatementTexts();
    const first = statements.of('byId', byId('a'));
    const second = statements.of('byId', byId('b'));
    expect(first.text).toBe('SELECT * FROM model_version v WHERE v.id = $1::uuid');
    expect(second.text).toBe(first.text);
    expect(first.values).toEqual(['a']);
    expect(second.values).toEqual(['b']);
  });

  it('keeps the text of each shape apart', () => {
    const statements = new StatementTexts();
    statements.of('byId', byId('a'));
    const named = statements.of('byName', byName('Qwen%'));
    expect(named.text).toBe('SELECT * FROM model_version v WHERE v.version_name ILIKE $1');
    expect(named.values).toEqual(['Qwen%']);
  });

  it('does not build the text again for a shape it holds', () => {
    const statements = new StatementTexts();
    statements.of('byId', byId('a'));
    const sql = byId('b');
    let reads = 0;
    Object.defineProperty(sql, 'text', {
      get: () => {
        reads += 1;
        return 'not this';
      },
    });
    expect(statements.of('byId', sql).text).toBe('SELECT * FROM model_version v WHERE v.id = $1::uuid');
    expect(reads).toBe(0);
  });
});
