import { ErrorCode, type FieldError } from '@modelgate/domain/errors';
import type { TypedDocumentString } from '../gql/graphql';
import { translateDomainText } from '../i18n/domain-text';

type GraphqlErrorPayload = {
  message: string;
  extensions?: { code?: string; fields?: FieldError[]; requestId?: string };
};

/** A failed GraphQL call. Screens branch on `code`, never on the message. */
export class GraphqlRequestError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode | 'NETWORK_ERROR',
    readonly fields: readonly FieldError[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'GraphqlRequestError';
  }
}

const knownCodes = new Set<string>(Object.values(ErrorCode));

function toRequestError(error: GraphqlErrorPayload): GraphqlRequestError {
  const code = error.extensions?.code;
  return new GraphqlRequestError(
    error.message,
    code && knownCodes.has(code) ? (code as ErrorCode) : ErrorCode.Internal,
    // A field's reason is the shared schemas' text: shown in the reader's language like the browser's own checks.
    (error.extensions?.fields ?? []).map((field) => ({ ...field, reason: translateDomainText(field.reason) })),
    error.extensions?.requestId,
  );
}

// The session's CSRF token, learnt from the viewer query; the server requires it on every mutation.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Runs a typed operation from the generated `graphql()` function against the same-origin API. */
export async function execute<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
): Promise<TResult> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch {
    throw new GraphqlRequestError('The Modelgate server cannot be reached.', 'NETWORK_ERROR');
  }
  const body = (await response.json().catch(() => null)) as { data?: TResult | null; errors?: GraphqlErrorPayload[] } | null;
  const firstError = body?.errors?.[0];
  if (firstError) throw toRequestError(firstError);
  if (!response.ok || !body?.data) {
    throw new GraphqlRequestError(`The server answered ${response.status}.`, ErrorCode.Internal);
  }
  return body.data;
}
