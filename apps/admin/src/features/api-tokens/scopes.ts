import { apiTokenScopes, isApiTokenScope } from '@modelgate/domain/auth/api-tokens';
import { t } from './messages';

/** What a scope lets a token do, in words; a scope this app does not know stays unexplained. */
export function scopeDescription(scope: string): string {
  return isApiTokenScope(scope) ? t(`apiTokens.scope.${scope}`) : scope;
}

/** Every scope a token may carry, in the catalogue's order. */
export const scopeNames = apiTokenScopes.map((definition) => definition.scope);
