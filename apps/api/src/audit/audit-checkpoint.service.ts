import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainError, ErrorCode } from '@modelgate/domain/errors';
import { systemActor, type Actor } from '../common/auth/actor.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { PrismaService } from '../database/prisma.service.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { AuditRepository, type AuditCheckpointRow, type Tx } from './audit.repository.js';
import { AuditService } from './audit.service.js';
import { checkStatement, signStatement, type CheckpointCheck, type SigningKey } from './checkpoint-signature.js';
import { SigningKeyStore } from './signing-key.store.js';

const CHECKED_CHECKPOINTS = 1_000;

/** The job that signs the chain head every AUDIT_CHECKPOINT_INTERVAL_MINUTES, on the shared queue. */
export const AUDIT_CHECKPOINT_JOB = 'audit.checkpoint';

/**
 * Every `minutes` minutes counted from 1970-01-01 00:00 UTC (on the hour for 60), as a recurrence rule: cron
 * cannot say "every 90 minutes". pg-boss sends one job per occurrence for the whole deployment.
 */
export const checkpointSchedule = (minutes: number): string => `FREQ=MINUTELY;INTERVAL=${minutes}`;

export type CheckpointProblem = { seq: string; problem: Exclude<CheckpointCheck, 'VALID'> | 'HASH_DIFFERS' | 'EVENT_MISSING' };

/**
 * Signs the chain head with the instance's Ed25519 key, on demand and on a schedule, and checks stored
 * checkpoints against the chain: a rewritten history (even with every hash recomputed) no longer
 * matches the hashes that were signed before.
 *
 * The schedule is a job on the PostgreSQL-backed queue, not a timer in each process: with several
 * replicas it runs once per interval for all of them, and a restart does not reset the interval.
 */
@Injectable()
export class AuditCheckpointService implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly repository: AuditRepository,
    private readonly audit: AuditService,
    private readonly keys: SigningKeyStore,
    private readonly jobs: JobQueue,
  ) {}

  async onModuleInit(): Promise<void> {
    const minutes = this.config.audit.checkpointIntervalMinutes;
    const scheduled = minutes > 0 && this.config.env !== 'test';
    await this.jobs.define({
      name: AUDIT_CHECKPOINT_JOB,
      // Without a schedule the queue removes one an earlier start left (the interval set to 0).
      schedule: scheduled ? checkpointSchedule(minutes) : undefined,
      // A failed run is not repeated: the next occurrence signs the head then.
      retryLimit: 0,
      handler: async () => {
        if (scheduled) await this.checkpointIfAdvanced();
      },
    });
  }

  async signingKeyId(): Promise<string> {
    return (await this.keys.get()).keyId;
  }

  /** Signs a checkpoint of the current head; the checkpoint itself is then audited after it. */
  async create(actor: Actor): Promise<AuditCheckpointRow> {
    const key = await this.keys.get();
    return this.prisma.$transaction(async (tx) => {
      const head = await this.repository.lockHead(tx);
      if (!head) throw new DomainError(ErrorCode.Conflict, 'The audit trail is empty: there is nothing to sign yet.');
      return this.sign(tx, head, key, actor);
    });
  }

  /** The scheduled run: signs the head unless nothing but the previous checkpoint's own event came after it. */
  async checkpointIfAdvanced(): Promise<AuditCheckpointRow | null> {
    const key = await this.keys.get();
    return this.prisma.$transaction(async (tx) => {
      // Decided under the chain lock, so two runs at once (or a run beside createAuditCheckpoint) never sign the same head.
      const head = await this.repository.lockHead(tx);
      const latest = await this.repository.findLatestCheckpoint(tx);
      if (!head || (latest && head.seq <= latest.seq + 1n)) return null;
      return this.sign(tx, head, key, systemActor('audit-checkpoint'));
    });
  }

  private async sign(tx: Tx, head: { seq: bigint; hash: string }, key: SigningKey, actor: Actor): Promise<AuditCheckpointRow> {
    const signedAt = await this.repository.databaseNow(tx);
    const statement = { seq: head.seq.toString(), hash: head.hash, signedAt: signedAt.toISOString(), keyId: key.keyId };
    const checkpoint = await this.repository.insertCheckpoint(tx, {
      seq: head.seq,
      hash: head.hash,
      signedAt,
      keyId: key.keyId,
      publicKey: key.publicKeyPem,
      signature: signStatement(statement, key),
    });
    await this.audit.record(tx, actor, {
      action: 'audit.checkpoint',
      entityType: 'AuditCheckpoint',
      entityId: checkpoint.id,
      after: { seq: statement.seq, hash: statement.hash, keyId: key.keyId },
    });
    return checkpoint;
  }

  list(take: number): Promise<AuditCheckpointRow[]> {
    return this.repository.findCheckpoints(take);
  }

  /** Checks the newest checkpoints: signature, trusted key, and that the signed hash is still the chain's. */
  async check(): Promise<{ checked: number; problems: CheckpointProblem[] }> {
    const trusted = new Set([(await this.keys.get()).keyId]);
    const checkpoints = await this.repository.findCheckpoints(CHECKED_CHECKPOINTS);
    const events = new Map((await this.repository.findHashesAt(checkpoints.map((c) => c.seq))).map((e) => [e.seq, e.hash]));
    const problems: CheckpointProblem[] = [];
    for (const checkpoint of checkpoints) {
      const seq = checkpoint.seq.toString();
      const statement = { seq, hash: checkpoint.hash, signedAt: checkpoint.signedAt.toISOString(), keyId: checkpoint.keyId };
      const signature = checkStatement(statement, checkpoint.signature, checkpoint.publicKey, trusted);
      const eventHash = events.get(checkpoint.seq);
      if (signature !== 'VALID') problems.push({ seq, problem: signature });
      else if (eventHash === undefined) problems.push({ seq, problem: 'EVENT_MISSING' });
      else if (eventHash !== checkpoint.hash) problems.push({ seq, problem: 'HASH_DIFFERS' });
    }
    return { checked: checkpoints.length, problems: problems.sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1)) };
  }
}
