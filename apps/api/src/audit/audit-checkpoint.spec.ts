import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { computeEventHash } from '@modelgate/domain/audit';
import { Role } from '@modelgate/domain/auth';
import { ErrorCode } from '@modelgate/domain/errors';
import { asSuperuserWithoutTriggers } from '@modelgate/db/testing';
import { startTestApp, type TestApp, type TestSession } from '../testing/test-app.js';
import { AuditCheckpointService } from './audit-checkpoint.service.js';
import { generateSigningKey, signStatement } from './checkpoint-signature.js';

type Verification = {
  auditTrailVerification: {
    ok: boolean;
    firstBreak: unknown;
    checkpointsChecked: number;
    checkpointProblems: Array<{ seq: string; problem: string }>;
    signingKeyId: string;
  };
};
const VERIFY =
  '{ auditTrailVerification { ok firstBreak { seq reason } checkpointsChecked checkpointProblems { seq problem } signingKeyId } }';
const CREATE = 'mutation { createAuditCheckpoint { id seq hash keyId signature publicKey signedAt } }';

type AuditEventRow = {
  seq: string;
  id: string;
  occurred_at: Date;
  actor_type: string;
  actor_id: string | null;
  actor_label: string | null;
  actor_roles: string[];
  channel: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  outcome: string;
  reason: string | null;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
  prev_hash: string;
};

describe('signed audit checkpoints', () => {
  let api: TestApp;
  let admin: TestSession;
  let auditor: TestSession;

  beforeAll(async () => {
    api = await startTestApp();
    admin = await api.signInAs(Role.Admin);
    auditor = await api.signInAs(Role.Auditor);
  });
  afterAll(() => api.close());

  const verify = async () => (await api.graphql<Verification>(VERIFY, undefined, auditor)).body.data!.auditTrailVerification;

  it('an admin signs the chain head; the checkpoint is audited and verifies', async () => {
    const created = await api.graphql<{ createAuditCheckpoint: { seq: string; hash: string; keyId: string; signature: string } }>(
      CREATE,
      undefined,
      admin,
    );
    expect(created.body.errors).toBeUndefined();
    const checkpoint = created.body.data!.createAuditCheckpoint;
    const head = await api.prisma.auditEvent.findUniqueOrThrow({
      where: { seq: BigInt(checkpoint.seq) },
      select: { hash: true },
    });
    expect(checkpoint.hash).toBe(head.hash);
    expect(await api.prisma.auditEvent.count({ where: { action: 'audit.checkpoint', actorId: admin.userId } })).toBe(1);

    const result = await verify();
    expect(result).toMatchObject({ ok: true, checkpointsChecked: 1, checkpointProblems: [], signingKeyId: checkpoint.keyId });
  });

  it('auditors read checkpoints but cannot create them', async () => {
    expect((await api.graphql(CREATE, undefined, auditor)).body.errors?.[0]?.extensions?.code).toBe(ErrorCode.Forbidden);
    const listed = await api.graphql<{ auditCheckpoints: unknown[] }>(
      '{ auditCheckpoints { seq signature } }',
      undefined,
      auditor,
    );
    expect(listed.body.data!.auditCheckpoints.length).toBeGreaterThan(0);
  });

  it('a scheduled run signs a moved head once, even when runs of two instances overlap', async () => {
    const checkpoints = api.app.get(AuditCheckpointService);
    await api.signInAs(Role.Engineer); // history after the last checkpoint
    const overlapping = await Promise.all([checkpoints.checkpointIfAdvanced(), checkpoints.checkpointIfAdvanced()]);
    expect(overlapping.filter((checkpoint) => checkpoint !== null)).toHaveLength(1);
    // Only the new checkpoint's own audit event came after it: nothing to sign.
    expect(await checkpoints.checkpointIfAdvanced()).toBeNull();
    await api.signInAs(Role.Engineer);
    expect(await checkpoints.checkpointIfAdvanced()).not.toBeNull();
    expect(await api.prisma.auditEvent.count({ where: { action: 'audit.checkpoint', requestId: 'audit-checkpoint' } })).toBe(2);
    expect(await verify()).toMatchObject({ ok: true, checkpointProblems: [] });
  });

  it('catches a history rewritten with every later hash recomputed: the chain adds up, the signed checkpoint does not', async () => {
    await api.signInAs(Role.Engineer); // more history before the checkpoint
    await api.graphql(CREATE, undefined, admin);
    await asSuperuserWithoutTriggers(api.ownerUrl, async (client) => {
      const { rows } = await client.query<AuditEventRow>(`SELECT * FROM audit_event ORDER BY seq`);
      let prevHash = rows[0]!.prev_hash;
      for (const [index, row] of rows.entries()) {
        const event = {
          seq: BigInt(row.seq),
          id: row.id,
          occurredAt: row.occurred_at,
          actorType: row.actor_type,
          actorId: row.actor_id,
          actorLabel: index === 1 ? 'rewritten@example.com' : row.actor_label,
          actorRoles: row.actor_roles,
          channel: row.channel,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          before: row.before,
          after: row.after,
          outcome: row.outcome,
          reason: row.reason,
          requestId: row.request_id,
          ip: row.ip,
          userAgent: row.user_agent,
          prevHash,
        };
        const hash = computeEventHash(event);
        await client.query('UPDATE audit_event SET actor_label = $1, prev_hash = $2, hash = $3 WHERE seq = $4', [
          event.actorLabel,
          prevHash,
          hash,
          row.seq,
        ]);
        prevHash = hash;
      }
    });
    const result = await verify();
    expect(result.firstBreak).toBeNull(); // the forger made the chain consistent again...
    expect(result.ok).toBe(false); // ...but the signatures made before still pin the old hashes
    expect(result.checkpointProblems.map((p) => p.problem)).toEqual(expect.arrayContaining(['HASH_DIFFERS']));
  });

  it('does not trust a checkpoint forged with another key', async () => {
    const forger = generateSigningKey();
    const head = await api.prisma.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
    const statement = { seq: head.seq.toString(), hash: head.hash, signedAt: new Date().toISOString(), keyId: forger.keyId };
    await asSuperuserWithoutTriggers(api.ownerUrl, async (client) => {
      await client.query(
        'INSERT INTO audit_checkpoint (seq, hash, signed_at, key_id, public_key, signature) VALUES ($1, $2, $3, $4, $5, $6)',
        [statement.seq, statement.hash, statement.signedAt, forger.keyId, forger.publicKeyPem, signStatement(statement, forger)],
      );
    });
    expect((await verify()).checkpointProblems).toEqual(
      expect.arrayContaining([{ seq: statement.seq, problem: 'UNTRUSTED_KEY' }]),
    );
  });
});
