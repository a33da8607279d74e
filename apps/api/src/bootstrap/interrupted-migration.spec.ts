import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { migrationsDir } from '@modelgate/db';
import { listShippedMigrations } from '@modelgate/db/migrations';
import {
  judgeInterruptedMigration,
  splitSqlStatements,
  witnessesOf,
  type ScriptWitnesses,
  type WitnessObservation,
} from './interrupted-migration.js';

const labels = (script: string) => witnessesOf(script).witnesses.map((w) => `${w.presentWhenApplied ? '+' : '-'}${w.label}`);
const observe = (plan: ScriptWitnesses, present: (label: string) => boolean): WitnessObservation[] =>
  plan.witnesses.map((witness) => ({ witness, present: present(witness.label) }));

describe('splitSqlStatements', () => {
  it('splits at top-level semicolons and drops comments, keeping strings, quoted names and dollar-quoted bodies whole', () => {
    const script = `-- CreateTable
CREATE TABLE "a;b" ("note" TEXT DEFAULT 'x; y', "it's" INT); /* block; /* nested */ comment */
CREATE FUNCTION f() RETURNS trigger AS $body$
BEGIN
  RAISE EXCEPTION 'no; %', TG_OP;
END;
$body$ LANGUAGE plpgsql;
DO $$ BEGIN PERFORM 1; END $$;
SELECT E'it\\'s; fine', $1`;
    expect(splitSqlStatements(script)).toEqual([
      `CREATE TABLE "a;b" ("note" TEXT DEFAULT 'x; y', "it's" INT)`,
      `CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN RAISE EXCEPTION 'no; %', TG_OP; END; $body$ LANGUAGE plpgsql`,
      'DO $$ BEGIN PERFORM 1; END $$',
      `SELECT E'it\\'s; fine', $1`,
    ]);
  });
});

describe('witnessesOf', () => {
  it('reads what Prisma writes: tables, indexes (in their table’s schema), enums, columns and constraints', () => {
    expect(
      labels(`CREATE TYPE "State" AS ENUM ('A', 'B');
CREATE TABLE "item" ("id" UUID NOT NULL, "price" DECIMAL(65,30), CONSTRAINT "item_pkey" PRIMARY KEY ("id"));
CREATE UNIQUE INDEX "item_key" ON "item"("id");
CREATE INDEX job_i1 ON pgboss.job (name, id);
ALTER TABLE "item" ADD COLUMN "size" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "label" VARCHAR(20) DEFAULT 'a, b';
ALTER TABLE "item" ADD CONSTRAINT "item_fkey" FOREIGN KEY ("id") REFERENCES "other"("id") ON DELETE CASCADE;
ALTER TABLE "item" DROP COLUMN "legacy", DROP CONSTRAINT "old_check", ALTER COLUMN "price" DROP DEFAULT;
DROP INDEX "old_idx";
CREATE SCHEMA IF NOT EXISTS pgboss;
CREATE TABLE IF NOT EXISTS "maybe" ("id" INT);
ALTER TABLE "item" ADD PRIMARY KEY ("id");`),
    ).toEqual([
      '+type "State"',
      '+table "item"',
      '+index "item_key"',
      '+index "pgboss"."job_i1"',
      '+column "size" of "item"',
      '+column "label" of "item"',
      '+constraint "item_fkey" on "item"',
      '-column "legacy" of "item"',
      '-constraint "old_check" on "item"',
      '-index "old_idx"',
    ]);
  });

  it('leaves out objects touched twice or renamed, which prove nothing either way', () => {
    expect(
      labels(`DROP INDEX "a_idx"; CREATE INDEX "a_idx" ON "t"("x");
CREATE TABLE "new_t" ("id" INT); ALTER TABLE "new_t" RENAME TO "t2";
ALTER TABLE "u" RENAME COLUMN "old" TO "new"; ALTER TABLE "u" ADD COLUMN "new_flag" BOOLEAN;
ALTER INDEX "i1" RENAME TO "i2"; CREATE INDEX "i2b" ON "u"("x");`),
    ).toEqual(['+column "new_flag" of "u"', '+index "i2b"']);
  });

  it('says when a script is not one transaction', () => {
    expect(witnessesOf('BEGIN; CREATE TABLE "a" (id INT); COMMIT;').notAtomic).toMatch(/not one transaction.*BEGIN/);
    expect(witnessesOf('CREATE INDEX CONCURRENTLY "i" ON "t"("x");').notAtomic).toMatch(/CONCURRENTLY/);
    expect(witnessesOf('-- nothing\n').notAtomic).toBe('it is empty');
    expect(witnessesOf(`DO $$ BEGIN COMMIT; END $$; CREATE TABLE "a" (id INT);`).notAtomic).toBeNull();
  });

  it('finds witnesses in every migration this build ships, each of which is one transaction', async () => {
    for (const name of await listShippedMigrations()) {
      const plan = witnessesOf(await readFile(path.join(migrationsDir, name, 'migration.sql'), 'utf8'));
      expect({ name, notAtomic: plan.notAtomic }).toEqual({ name, notAtomic: null });
      expect({ name, witnesses: plan.witnesses.length > 0 }).toEqual({ name, witnesses: true });
    }
  });
});

describe('judgeInterruptedMigration', () => {
  const plan = witnessesOf(`CREATE TABLE "a" (id INT); CREATE INDEX "a_idx" ON "a"(id); DROP TABLE "old";`);

  it('is APPLIED when every change is in the database', () => {
    const verdict = judgeInterruptedMigration(
      plan,
      observe(plan, (label) => label !== 'table "old"'),
    );
    expect(verdict).toEqual({ outcome: 'APPLIED', evidence: expect.stringContaining('all 3 of its changes') });
  });

  it('is NOT_APPLIED when none is', () => {
    const verdict = judgeInterruptedMigration(
      plan,
      observe(plan, (label) => label === 'table "old"'),
    );
    expect(verdict).toEqual({ outcome: 'NOT_APPLIED', evidence: expect.stringContaining('none of its 3 changes') });
  });

  it('is UNKNOWN when only some are, when there is nothing to check, or when the script is not one transaction', () => {
    expect(
      judgeInterruptedMigration(
        plan,
        observe(plan, () => true),
      ),
    ).toEqual({
      outcome: 'UNKNOWN',
      reason: expect.stringContaining('some of its changes are in the database and some are not'),
    });
    const blind = witnessesOf(`UPDATE "a" SET x = 1; CREATE OR REPLACE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;`);
    expect(judgeInterruptedMigration(blind, [])).toEqual({ outcome: 'UNKNOWN', reason: expect.stringContaining('none of its') });
    const split = witnessesOf('CREATE TABLE "a" (id INT); COMMIT; CREATE TABLE "b" (id INT);');
    expect(
      judgeInterruptedMigration(
        split,
        observe(split, () => false),
      ).outcome,
    ).toBe('UNKNOWN');
  });
});
