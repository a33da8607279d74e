import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bulkInsert } from '@modelgate/db';
import { asSuperuserWithoutTriggers } from '@modelgate/db/testing';
import {
  chainRangeEnds,
  ChainVerifier,
  computeEventHash,
  eventHashContent,
  GENESIS_HASH,
  type ChainedAuditEvent,
  type ChainVerification,
  type VerifiableEvent,
} from '@modelgate/domain/audit';
import type pg from 'pg';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { AuditRepository, type ChainedEventRow } from './audit.repository.js';
import { AuditService } from './audit.service.js';

/** Two pages and more in each of the two ranges the verification splits the chain into. */
const APPENDED = 11_000;

/** Times PostgreSQL's to_char does not write as toISOString does (year 10000, 2 BC): read by their members. */
const OUT_OF_RANGE_TIMES = ['+010000-01-01T00:00:00.000Z', '-000001-03-04T05:06:07.089Z'];

describe('audit trail verification in ranges verified at the same time', () => {
  let api: TestApp;
  let service: AuditService;
  let repository: AuditRepository;
  let border: bigint;
  /** Seqs of the events dated outside years 1 to 9999. */
  const outOfRange: bigint[] = [];

  /** What one pass over the whole chain reports: the domain's verifier fed every event read by its members. */
  async function onePass(): Promise<ChainVerification> {
    const verifier = new ChainVerifier();
    let after: bigint | null = null;
    for (;;) {
      const page = await repository.findChainPageAfter(after, 5_000);
      if (!verifier.add(page) || page.length < 5_000) return verifier.result();
      after = page.at(-1)!.seq;
    }
  }

  /** Changes the database as `change` does, verifies, and puts the changed events back as they were. */
  async function verifyWith(seqs: bigint[], change: (client: pg.Client) => Promise<void>) {
    const saved: unknown[] = [];
    await asSuperuserWithoutTriggers(api.ownerUrl, async (client) => {
      for (const seq of seqs) {
        const { rows } = await client.query<{ row: unknown }>('SELECT row_to_json(e) AS row FROM audit_event e WHERE seq = $1', [
          seq.toString(),
        ]);
        saved.push(rows[0]!.row);
      }
      await change(client);
    });
    try {
      const [ranges, reference] = [await service.verify(), await onePass()];
      return { ranges, reference };
    } finally {
      await asSuperuserWithoutTriggers(api.ownerUrl, async (client) => {
        for (const [index, seq] of seqs.entries()) {
          await client.query('DELETE FROM audit_event WHERE seq = $1', [seq.toString()]);
          await client.query('INSERT INTO audit_event SELECT * FROM json_populate_record(NULL::audit_event, $1::json)', [
            JSON.stringify(saved[index]),
          ]);
        }
      });
    }
  }

  const editAfter = (seq: bigint) => (client: pg.Client) =>
    client.query(`UPDATE audit_event SET after = '{"forged":true}' WHERE seq = $1`, [seq.toString()]).then(() => undefined);

  beforeAll(async () => {
    api = await startTestApp();
    service = api.app.get(AuditService);
    repository = api.app.get(AuditRepository);
    let head = (await api.prisma.auditEvent.findFirst({ select: { seq: true, hash: true }, orderBy: { seq: 'desc' } })) ?? {
      seq: 0n,
      hash: GENESIS_HASH,
    };
    const rows: Array<ChainedAuditEvent & { hash: string }> = [];
    for (let index = 0; index < APPENDED; index++) {
      const outOfRangeTime = index % 3_001 === 1_000 ? OUT_OF_RANGE_TIMES[outOfRange.length % 2] : undefined;
      const event: ChainedAuditEvent = {
        seq: head.seq + 1n,
        id: randomUUID(),
        occurredAt: new Date(outOfRangeTime ?? Date.UTC(2026, 0, 1, 0, 0, 0, index)),
        actorType: 'USER',
        actorId: index % 3 === 0 ? null : `user-${index % 17}`,
        actorLabel: index % 5 === 0 ? null : `Zoë "${index}" \\ ☃ \u0007`,
        actorRoles: [[], ['ADMIN'], ['AUDITOR', 'COMPLIANCE_OFFICER']][index % 3]!,
        channel: 'API',
        action: 'deployment.update',
        entityType: 'Deployment',
        entityId: `deployment-${index}`,
        before: index % 4 === 0 ? null : { purpose: `purpose ${index}`, version: index, z: [1.5, 'é', null] },
        after: { purpose: `purpose ${index + 1}\n\t`, version: index + 1, nested: { b: true, a: -0.25 } },
        outcome: 'SUCCESS',
        reason: index % 7 === 0 ? `reason ${index}` : null,
        requestId: index % 2 === 0 ? null : `request-${index}`,
        ip: '203.0.113.7',
        userAgent: index % 2 === 0 ? null : 'jest',
        prevHash: head.hash,
      };
      if (outOfRangeTime) outOfRange.push(event.seq);
      head = { seq: event.seq, hash: computeEventHash(event) };
      rows.push({ ...event, hash: head.hash });
    }
    // PostgreSQL does not read toISOString's six-digit years: those events are stored with a placeholder time first.
    await bulkInsert(
      api.prisma,
      'audit_event',
      rows.map((row) => (outOfRange.includes(row.seq) ? { ...row, occurredAt: new Date(0) } : row)),
    );
    await asSuperuserWithoutTriggers(api.ownerUrl, async (client) => {
      for (const row of rows.filter((r) => outOfRange.includes(r.seq))) {
        await client.query(
          `UPDATE audit_event SET occurred_at = 'epoch'::timestamptz + $2 * interval '1 millisecond' WHERE seq = $1`,
          [row.seq.toString(), row.occurredAt.getTime()],
        );
      }
    });
    const span = await repository.findChainSpan();
    [border] = chainRangeEnds(span!.first, span!.last, 2) as [bigint];
  });
  afterAll(() => api.close());

  it('reads each event as exactly the text the domain hashes', async () => {
    const reader = await repository.openChainReader();
    try {
      let after: bigint | null = null;
      let compared = 0;
      for (;;) {
        const [read, members]: [VerifiableEvent[], ChainedEventRow[]] = await Promise.all([
          reader.pageAfter(after, null, 5_000),
          repository.findChainPageAfter(after, 5_000),
        ]);
        expect(read.map((event) => event.seq)).toEqual(members.map((event) => event.seq));
        read.forEach((event, index) => {
          const expected = eventHashContent(members[index]!);
          expect('hashedContent' in event ? event.hashedContent : eventHashContent(event)).toBe(expected);
        });
        compared += read.length;
        if (read.length < 5_000) break;
        after = read.at(-1)!.seq;
      }
      expect(compared).toBe(APPENDED);
    } finally {
      await reader.close();
    }
  });

  it('verifies the untouched chain, dates outside years 1 to 9999 included, as one pass does', async () => {
    expect(outOfRange.length).toBeGreaterThanOrEqual(3);
    const [ranges, reference] = [await service.verify(), await onePass()];
    expect(ranges).toMatchObject({ ok: true, firstBreak: null });
    expect(ranges).toEqual(reference);
  });

  it.each([
    ['an edit in the first range', () => [5n]],
    ['an edit in the later range', () => [border + 1_234n]],
    ['an edit of the last event of the first range', () => [border]],
    ['an edit of the first event of the later range', () => [border + 1n]],
    ['edits in both ranges (the earlier is reported)', () => [border - 2_000n, border + 10n]],
    ['an edit of an event dated outside years 1 to 9999', () => [outOfRange.at(-1)!]],
  ])('finds %s where one pass does', async (_name, edited) => {
    const seqs = edited();
    const { ranges, reference } = await verifyWith(seqs, async (client) => {
      for (const seq of seqs) await editAfter(seq)(client);
    });
    expect(ranges.firstBreak).toMatchObject({ seq: String(seqs[0]), reason: 'HASH_MISMATCH' });
    expect(ranges).toEqual(reference);
    expect(ranges.checkedEvents).toBe(Number(seqs[0]) - 1);
  });

  it('checks the link at the border: the last event of the first range edited with its hash recomputed', async () => {
    const { ranges, reference } = await verifyWith([border], async (client) => {
      const [event] = await repository.findChainPageAfter(border - 1n, 1);
      const forged = { ...event!, after: { forged: true } };
      await client.query(`UPDATE audit_event SET after = '{"forged":true}', hash = $2 WHERE seq = $1`, [
        border.toString(),
        computeEventHash(forged),
      ]);
    });
    expect(ranges.firstBreak).toMatchObject({ seq: String(border + 1n), reason: 'PREVIOUS_HASH_MISMATCH' });
    expect(ranges).toEqual(reference);
  });

  it.each([
    ['the last event of the first range', 0n, 1n],
    ['the first event of the later range', 1n, 2n],
    ['the event before the last event of the first range', -1n, 0n],
  ])('finds a deleted event at the border: %s', async (_name, deletedOffset, reportedOffset) => {
    const deleted = border + deletedOffset;
    const { ranges, reference } = await verifyWith([deleted], async (client) => {
      await client.query('DELETE FROM audit_event WHERE seq = $1', [deleted.toString()]);
    });
    expect(ranges.firstBreak).toMatchObject({ seq: String(border + reportedOffset), reason: 'SEQUENCE_GAP' });
    expect(ranges).toEqual(reference);
  });
});
