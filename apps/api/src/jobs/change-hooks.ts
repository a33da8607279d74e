import { Injectable, Logger } from '@nestjs/common';
import type { Prisma } from '@modelgate/db';
import type { Actor } from '../common/auth/actor.js';
import { JobQueue } from './job-queue.service.js';

export type LicenseChange = {
  modelVersionIds: readonly string[];
  /** What changed, for people: "License changed from Apache-2.0 to LicenseRef-Qwen". */
  summary: string;
};

type LicenseListener = (tx: Prisma.TransactionClient, change: LicenseChange, actor: Actor) => Promise<void>;

/**
 * Lets one domain react inside another's transaction without the two modules importing each other:
 * the inventory announces license changes here, the approval workflow listens (license-change watch).
 */
@Injectable()
export class ChangeHooks {
  private readonly logger = new Logger(ChangeHooks.name);
  private readonly licenseListeners: LicenseListener[] = [];

  constructor(private readonly jobs: JobQueue) {}

  /**
   * Something a policy decision depends on changed (a deployment, an approval, an exception, the
   * policy, a model's facts): asks for a drift sweep soon. Call it after the change committed.
   */
  policyInputsChanged(): void {
    this.jobs
      .nudge(DRIFT_SWEEP_JOB, {}, DRIFT_SWEEP_JOB)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'drift nudge failed'));
  }

  onLicenseChanged(listener: LicenseListener): void {
    this.licenseListeners.push(listener);
  }

  async licenseChanged(tx: Prisma.TransactionClient, change: LicenseChange, actor: Actor): Promise<void> {
    if (change.modelVersionIds.length === 0) return;
    for (const listener of this.licenseListeners) await listener(tx, change, actor);
  }
}

/** Background job names shared across modules (nudged after changes, run on a schedule too). */
export const DRIFT_SWEEP_JOB = 'policy.drift-sweep';
