import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Action, SubjectType } from '@modelgate/domain/auth';
import type { Actor } from './actor.js';

export const REQUIRED_ABILITY = 'modelgate:required-ability';
export const PUBLIC_OPERATION = 'modelgate:public';

export type RequiredAbility = { action: Action; subject: SubjectType };

/** The caller must be able to `action` on `subject`; finer checks (which rows) happen in the service. */
export const Allow = (action: Action, subject: SubjectType) =>
  SetMetadata(REQUIRED_ABILITY, { action, subject } satisfies RequiredAbility);

/** Anyone, signed in or not, may call this (sign-in itself, public status). Everything else is denied by default. */
export const Public = () => SetMetadata(PUBLIC_OPERATION, true);

export type AccessRule = { isPublic: boolean; required: RequiredAbility | undefined };

/** What `@Public` and `@Allow` say of a resolver method: the method's own decorators first, else its class's. */
export function accessRuleOf(handler: object, resolverClass: object): AccessRule {
  const read = (key: string): unknown => Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, resolverClass);
  return { isPublic: read(PUBLIC_OPERATION) === true, required: read(REQUIRED_ABILITY) as RequiredAbility | undefined };
}

export type GraphqlContext = { actor: Actor };

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  return GqlExecutionContext.create(context).getContext<GraphqlContext>().actor;
});
