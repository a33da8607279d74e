import { Injectable } from '@nestjs/common';
import { ForbiddenError, UnauthenticatedError } from '@modelgate/domain/errors';
import { AuditService } from '../../audit/audit.service.js';
import type { Actor } from './actor.js';
import type { RequiredAbility } from './authorization.decorators.js';

/** Why `required` does not let this caller in, as the audit trail records it. */
export function refusalReason(required: RequiredAbility | undefined): string {
  return required ? `cannot ${required.action} ${required.subject}` : 'operation has no access rule (denied by default)';
}

/** What a caller who is refused is told: sign in first when anonymous, else that they may not. */
export function refusalError(actor: Actor): Error {
  return actor.principal.kind === 'anonymous' ? new UnauthenticatedError() : new ForbiddenError();
}

/** Refusing an operation or a field: the refusal is written to the audit trail before the caller is told. */
@Injectable()
export class AccessRefusals {
  constructor(private readonly audit: AuditService) {}

  /** Records the refusal of `operation` (`Type.field`), then fails with `error`. */
  async refuse(actor: Actor, operation: string, reason: string, error: Error): Promise<never> {
    await this.audit.recordAlone(actor, {
      action: 'access.denied',
      entityType: 'Operation',
      entityId: operation,
      outcome: 'DENIED',
      reason,
    });
    throw error;
  }
}
