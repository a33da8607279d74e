import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ForbiddenError, UnauthenticatedError } from '@modelgate/domain/errors';
import { OperationTypeNode, type GraphQLResolveInfo } from 'graphql';
import { AuditService } from '../../audit/audit.service.js';
import { PUBLIC_OPERATION, REQUIRED_ABILITY, type GraphqlContext, type RequiredAbility } from './authorization.decorators.js';

/**
 * Deny by default: an operation runs only when marked @Public() or when the caller's abilities allow
 * its @Allow(action, subject). Browser sessions must also echo their CSRF token on mutations. Every
 * refusal is written to the audit trail.
 */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true; // HTTP routes (health probes) guard themselves
    const gql = GqlExecutionContext.create(context);
    const { actor, req } = gql.getContext<GraphqlContext & { req?: { headers: Record<string, unknown> } }>();
    const info = gql.getInfo<GraphQLResolveInfo>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_OPERATION, targets) ?? false;
    const required = this.reflector.getAllAndOverride<RequiredAbility | undefined>(REQUIRED_ABILITY, targets);
    const operation = `${info.parentType.name}.${info.fieldName}`;

    if (actor.credentialError) {
      await this.deny(actor, operation, actor.credentialError);
      throw new UnauthenticatedError(actor.credentialError);
    }

    if (info.operation.operation === OperationTypeNode.MUTATION && actor.principal.kind === 'user') {
      const sent = req?.headers['x-csrf-token'];
      if (typeof sent !== 'string' || sent !== actor.csrfToken) {
        await this.deny(actor, operation, 'missing or wrong CSRF token');
        throw new ForbiddenError('The request is missing its CSRF token (x-csrf-token). Reload the page and try again.');
      }
    }
    if (isPublic) return true;
    if (required && actor.ability.can(required.action, required.subject)) return true;

    const reason = required
      ? `cannot ${required.action} ${required.subject}`
      : 'operation has no access rule (denied by default)';
    await this.deny(actor, operation, reason);
    if (actor.principal.kind === 'anonymous') throw new UnauthenticatedError();
    throw new ForbiddenError();
  }

  private async deny(actor: GraphqlContext['actor'], operation: string, reason: string) {
    await this.audit.recordAlone(actor, {
      action: 'access.denied',
      entityType: 'Operation',
      entityId: operation,
      outcome: 'DENIED',
      reason,
    });
  }
}
