import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DomainError, ErrorCode } from '@modelgate/domain/errors';
import { systemActor, type Actor } from '../common/auth/actor.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { PrismaService } from '../database/prisma.service.js';
import { AuditRepository, type AuditCheckpointRow } from './audit.repository.js';
import { AuditService } from './audit.service.js';
import { checkStatement, signStatement, type CheckpointCheck } from './checkpoint-signature.js';
import { SigningKeyStore } from './signing-key.store.js';

const CHECKED_CHECKPOINTS = 1_000;

export type CheckpointProblem = { seq: string; problem: Exclude<CheckpointCheck, 'VALID'> | 'HASH_DIFFERS' | 'EVENT_MISSING' };

/**
 * Signs the chain head with the instance's Ed25519 key, on demand and on a timer, and checks stored
 * checkpoints against the chain: a rewritten history (even with every hash recomputed) no longer
 * matches the hashes that were signed before.
 */
@Injectable()
export class AuditCheckpointService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditCheckpointService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly repository: AuditRepository,
    private readonly audit: AuditService,
    private readonly keys: SigningKeyStore,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.audit.checkpointIntervalMinutes;
    if (minutes === 0 || this.config.env === 'test') return;
    this.timer = setInterval(() => {
      this.checkpointIfAdvanced().catch((error: unknown) => this.logger.error({ err: error }, 'audit checkpoint failed'));
    }, minutes * 60_000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
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
    });
  }

  private async checkpointIfAdvanced(): Promise<void> {
    const [latest, headSeq] = await Promise.all([this.repository.findLatestCheckpoint(), this.repository.findHeadSeq()]);
    // The previous checkpoint's own audit event is the only thing after it: nothing new to sign.
    if (headSeq === null || (latest && headSeq <= latest.seq + 1n)) return;
    await this.create(systemActor('audit-checkpoint'));
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
