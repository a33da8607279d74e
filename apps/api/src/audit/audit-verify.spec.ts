import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bulkInsert } from '@modelgate/db';
import { asSuperuserWithoutTriggers } from '@modelgate/db/testing';
import { Role } from '@modelgate/domain/auth';
import { computeEventHash, toStorableJson, type ChainedAuditEvent } from '@modelgate/domain/audit';
import { startTestApp, type TestApp, type TestSession } from '../testing/test-app.js';

type Verification = {
  auditTrailVerification: {
    ok: boolean;
    checkedEvents: number;
    headSeq: string | null;
    headHash: string | null;
    firstBreak: { seq: string; reason: string } | null;
  };
};
const VERIFY = '{ auditTrailVerification { ok checkedEvents headSeq headHash firstBreak { seq reason message } } }';

/** More events than one page of the verification walk, so it has to carry the chain across pages. */
const APPENDED = 12_345;

/** Times the epoch-millisecond reading must keep: before 1970, the last millisecond of a second, year 1 and 9999. */
const TIMES = ['1969-12-31T23:59:59.999Z', '2026-03-04T05:06:07.089Z', '0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z'];

/** Content as varied as the hash format has to survive through jsonb: unicode, escapes, nesting, integer-like keys, nulls. */
function contentOf(
  index: number,
): Pick<ChainedAuditEvent, 'actorLabel' | 'actorRoles' | 'before' | 'after' | 'reason' | 'entityId'> {
  const text = ['plain', 'Zoë "quoted" \\ back', 'emoji 😀 and \u2028 separator', 'tab\tnew\nline', 'ümlaut ß 漢字'][index % 5]!;
  return {
    actorLabel: index % 7 === 0 ? null : `${text} #${index}`,
    actorRoles: [[], ['ADMIN'], ['AUDITOR', 'COMPLIANCE_OFFICER']][index % 3]!,
    entityId: index % 11 === 0 ? null : `entity-${index}`,
    reason: index % 13 === 0 ? `because ${text}` : null,
    before:
      index % 4 === 0
        ? null
        : toStorableJson({ name: text, version: index, '10': 'ten', '2': 'two', B: null, z: [1, 'a', { y: 0.1, x: 1e21 }] }),
    after: toStorableJson({ name: `${text}!`, nested: { deeper: { list: [null, true, -5, 'é'] } }, count: index / 8 }),
  };
}

describe('audit trail verification over many pages', () => {
  let api: TestApp;
  let auditor: TestSession;
  let firstAppended: bigint;
  let head: { seq: bigint; hash: string };

  const verify = async () => (await api.graphql<Verification>(VERIFY, undefined, auditor)).body.data!.auditTrailVerification;

  beforeAll(async () => {
    api = await startTestApp();
    auditor = await api.signInAs(Role.Auditor);
    const start = await api.prisma.auditEvent.findFirstOrThrow({ select: { seq: true, hash: true }, orderBy: { seq: 'desc' } });
    firstAppended = start.seq + 1n;
    head = start;
    const rows: Array<ChainedAuditEvent & { hash: string }> = [];
    for (let index = 0; index < APPENDED; index++) {
      const event: ChainedAuditEvent = {
        seq: head.seq + 1n,
        id: randomUUID(),
        occurredAt: new Date(TIMES[index % TIMES.length]!),
        actorType: 'USER',
        actorId: index % 3 === 0 ? null : `user-${index % 17}`,
        channel: 'API',
        action: 'deployment.update',
        entityType: 'Deployment',
        outcome: 'SUCCESS',
        requestId: index % 5 === 0 ? null : `request-${index}`,
        ip: '203.0.113.7',
        userAgent: index % 2 === 0 ? null : 'jest',
        prevHash: head.hash,
        ...contentOf(index),
      };
      head = { seq: event.seq, hash: computeEventHash(event) };
      rows.push({ ...event, hash: head.hash });
    }
    await bulkInsert(api.prisma, 'audit_event', rows);
  });
  afterAll(() => api.close());

  it('verifies the whole chain and reports its head', async () => {
    const result = await verify();
    expect(result).toMatchObject({ ok: true, headSeq: String(head.seq), headHash: head.hash, firstBreak: null });
    expect(result.checkedEvents).toBe(Number(head.seq));
  });

  it('finds an event edited far into the chain', async () => {
    const edited = firstAppended + 11_000n;
    await asSuperuserWithoutTriggers(api.ownerUrl, async (client) => {
      await client.query(`UPDATE audit_event SET after = jsonb_set(after, '{name}', '"forged"') WHERE seq = $1`, [
        edited.toString(),
      ]);
    });
    expect(await verify()).toMatchObject({ ok: false, firstBreak: { seq: String(edited), reason: 'HASH_MISMATCH' } });
  });

  it('finds an earlier deleted event first', async () => {
    const deleted = firstAppended + 5_000n;
    await asSuperuserWithoutTriggers(api.ownerUrl, async (client) => {
      await client.query('DELETE FROM audit_event WHERE seq = $1', [deleted.toString()]);
    });
    expect(await verify()).toMatchObject({ ok: false, firstBreak: { seq: String(deleted + 1n), reason: 'SEQUENCE_GAP' } });
  });
});
