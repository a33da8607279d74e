import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { Extensions, GqlExecutionContext } from '@nestjs/graphql';
import type { Action, SubjectType } from '@modelgate/domain/auth';
import type { Actor } from './actor.js';

export const REQUIRED_ABILITY = 'modelgate:required-ability';
export const PUBLIC_OPERATION = 'modelgate:public';

export type RequiredAbility = { action: Action; subject: SubjectType };

/**
 * Where a field's rule travels in the schema, for `authorizeFields`: the field extension of this name holds the
 * RequiredAbility, or `true` for a public field.
 */
export const FIELD_ACCESS_EXTENSION = 'modelgateAccess';

/** The caller must be able to `action` on `subject`; finer checks (which rows) happen in the service. */
export const Allow = (action: Action, subject: SubjectType) => {
  const required = { action, subject } satisfies RequiredAbility;
  return applyDecorators(SetMetadata(REQUIRED_ABILITY, required), Extensions({ [FIELD_ACCESS_EXTENSION]: required }));
};

/** Anyone, signed in or not, may call this (sign-in itself, public status). Everything else is denied by default. */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_OPERATION, true), Extensions({ [FIELD_ACCESS_EXTENSION]: true }));

export type GraphqlContext = { actor: Actor };

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  return GqlExecutionContext.create(context).getContext<GraphqlContext>().actor;
});
