import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ForbiddenError, UnauthenticatedError } from '@modelgate/domain/errors';
import { OperationTypeNode, type GraphQLResolveInfo } from 'graphql';
import { AccessRefusals, refusalError, refusalReason } from './access-refusals.js';
import { accessRuleOf, type AccessRule, type GraphqlContext } from './authorization.decorators.js';

/**
 * Deny by default: an operation runs only when marked @Public() or when the caller's abilities allow
 * its @Allow(action, subject). Browser sessions must also echo their CSRF token on mutations. Every
 * refusal is written to the audit trail. Root operations only: the field resolvers below them are authorised by
 * `authorizeFieldResolvers`, without Nest's guard pipeline for every row.
 */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  constructor(private readonly refusals: AccessRefusals) {}

  /** What the decorators say of each resolver method, read once. */
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

    return this.refuse(actor, info, refusalReason(required), refusalError(actor));
  }

  private ruleOf(resolver: object, handler: object): AccessRule {
    let ofResolver = this.rules.get(resolver);
    if (!ofResolver) this.rules.set(resolver, (ofResolver = new WeakMap()));
    let rule = ofResolver.get(handler);
    if (!rule) {
      rule = accessRuleOf(handler, resolver);
      ofResolver.set(handler, rule);
    }
    return rule;
  }

  private refuse(actor: GraphqlContext['actor'], info: GraphQLResolveInfo, reason: string, error: Error): Promise<never> {
    return this.refusals.refuse(actor, `${info.parentType.name}.${info.fieldName}`, reason, error);
  }
}
