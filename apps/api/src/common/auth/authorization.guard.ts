import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ForbiddenError, UnauthenticatedError } from '@modelgate/domain/errors';
import { OperationTypeNode, type GraphQLResolveInfo } from 'graphql';
import { AuditService } from '../../audit/audit.service.js';
import { PUBLIC_OPERATION, REQUIRED_ABILITY, type GraphqlContext, type RequiredAbility } from './authorization.decorators.js';

type AccessRule = { isPublic: boolean; required: RequiredAbility | undefined };

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

  /** What the decorators say of each resolver method: read once, as the guard runs for every field of every row. */
  private readonly rules = new WeakMap<object, WeakMap<object, AccessRule>>();

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true; // HTTP routes (health probes) guard themselves
    const gql = GqlExecutionContext.create(context);
    const { actor, req } = gql.getContext<GraphqlContext & { req?: { headers: Record<string, unknown> } }>();
    const info = gql.getInfo<GraphQLResolveInfo>();
    const { isPublic, required } = this.ruleOf(context.getClass(), context.getHandler());

    if (actor.credentialError)
      return this.refuse(actor, info, actor.credentialError, new UnauthenticatedError(actor.credentialError));

    if (info.operation.operation === OperationTypeNode.MUTATION && actor.principal.kind === 'user') {
      const sent = req?.headers['x-csrf-token'];
      if (typeof sent !== 'string' || sent !== actor.csrfToken) {
        return this.refuse(
          actor,
          info,
          'missing or wrong CSRF token',
          new ForbiddenError('The request is missing its CSRF token (x-csrf-token). Reload the page and try again.'),
        );
      }
    }
    if (isPublic) return true;
    if (required && actor.ability.can(required.action, required.subject)) return true;

    const reason = required
      ? `cannot ${required.action} ${required.subject}`
      : 'operation has no access rule (denied by default)';
    return this.refuse(
      actor,
      info,
      reason,
      actor.principal.kind === 'anonymous' ? new UnauthenticatedError() : new ForbiddenError(),
    );
  }

  private ruleOf(resolver: object, handler: object): AccessRule {
    let ofResolver = this.rules.get(resolver);
    if (!ofResolver) this.rules.set(resolver, (ofResolver = new WeakMap()));
    let rule = ofResolver.get(handler);
    if (!rule) {
      const targets = [handler as () => void, resolver as new () => unknown];
      rule = {
        isPublic: this.reflector.getAllAndOverride<boolean>(PUBLIC_OPERATION, targets) ?? false,
        required: this.reflector.getAllAndOverride<RequiredAbility | undefined>(REQUIRED_ABILITY, targets),
      };
      ofResolver.set(handler, rule);
    }
    return rule;
  }

  /** Records the refusal in the audit trail, then fails the operation with `error`. */
  private async refuse(actor: GraphqlContext['actor'], info: GraphQLResolveInfo, reason: string, error: Error): Promise<never> {
    await this.deny(actor, `${info.parentType.name}.${info.fieldName}`, reason);
    throw error;
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
