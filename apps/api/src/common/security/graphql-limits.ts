import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { ErrorCode } from '@modelgate/domain/errors';
import {
  GraphQLError,
  Location,
  NoSchemaIntrospectionCustomRule,
  parse,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { MercuriusContext } from 'mercurius';
import type { AppConfig } from '../../config/app-config.js';

/** Fixed limits on one GraphQL document; the depth limit comes from `GRAPHQL_MAX_DEPTH`. */
export const GRAPHQL_LIMITS = {
  /** Lexical tokens; the parser stops past this, before building the document. */
  maxTokens: 5_000,
  maxAliases: 15,
  maxDirectives: 20,
  /**
   * graphql-armor's static cost: 1 per scalar field, 2 per object field, children weighted ×1.5 per level,
   * a literal `first`/`last` argument multiplies its field. The admin app's overview query costs 41.
   */
  maxCost: 5_000,
} as const;

/**
 * graphql-armor throws by default, which Mercurius answers with HTTP 200. Reporting the rejection on the
 * validation context instead makes it an ordinary validation error: HTTP 400, nothing executed. Armor
 * prefixes its messages with "Syntax Error:", which would read as a parse failure, so the prefix goes.
 */
function reportTooComplex(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(
    new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code: ErrorCode.QueryTooComplex } }),
  );
}

const reject = { propagateOnRejection: false, onReject: [reportTooComplex] };

/** Refused before validation; the error formatter reports each of `errors` with HTTP 400. */
class UnparsedDocumentError extends Error {
  readonly statusCode = 400;

  constructor(readonly errors: readonly GraphQLError[]) {
    super(errors.map((error) => error.message).join('\n'));
    this.name = 'UnparsedDocumentError';
  }
}

/** The parser's own message for a query that does not parse (Mercurius does not keep it). */
function syntaxErrorOf(query: unknown): GraphQLError {
  if (typeof query === 'string') {
    try {
      parse(query, { maxTokens: GRAPHQL_LIMITS.maxTokens });
    } catch (error) {
      if (error instanceof GraphQLError) return error;
    }
  }
  return new GraphQLError('Syntax Error: the query is not a GraphQL document.');
}

/**
 * Mercurius hook: only documents the GraphQL parser produced go on to validation. When a query does not
 * parse, Mercurius tries it as a JSON-encoded syntax tree instead. That would let a client skip the parser
 * and its token limit, and a query such as `"{}"` or `"5"` (valid JSON, no document) crashed validation
 * with an internal error. Parsed documents carry a `Location`; anything else is a syntax error.
 */
export function refuseUnparsedDocuments(_schema: GraphQLSchema, document: DocumentNode, context: MercuriusContext): void {
  if ((document as Partial<DocumentNode> | null)?.loc instanceof Location) return;
  const request = context.reply?.request;
  const params = (request?.method === 'GET' ? request.query : request?.body) as { query?: unknown } | null | undefined;
  throw new UnparsedDocumentError([syntaxErrorOf(params?.query)]);
}

/**
 * Mercurius options that refuse abusive documents during parse and validation, before any resolver runs.
 * `validationRules` stays an array so that Mercurius keeps its parse/validate cache and graphql-jit.
 * In production, introspection and "Did you mean ...?" suggestions are off, so the schema is not
 * discoverable by probing.
 */
export function graphqlLimits(config: AppConfig) {
  const production = config.env === 'production';
  // A fragment adds no level to the response, so depth and cost measure each spread as if inlined.
  const rules: ValidationRule[] = [
    maxDepthRule({ n: config.graphql.maxDepth, flattenFragments: true, ...reject }),
    maxAliasesRule({ n: GRAPHQL_LIMITS.maxAliases, ...reject }),
    maxDirectivesRule({ n: GRAPHQL_LIMITS.maxDirectives, ...reject }),
    costLimitRule({ maxCost: GRAPHQL_LIMITS.maxCost, flattenFragments: true, ...reject }),
  ];
  if (production) rules.push(NoSchemaIntrospectionCustomRule);
  // graphql-js 16.15 honours hideSuggestions; Mercurius's option type does not list it yet.
  const validateOptions: { hideSuggestions: boolean; maxErrors?: number } = { hideSuggestions: production };
  return {
    validationRules: rules,
    graphql: { parseOptions: { maxTokens: GRAPHQL_LIMITS.maxTokens }, validateOptions },
    hooks: { preValidation: [refuseUnparsedDocuments] },
  };
}

const SUGGESTION = / Did you mean .*\?$/s;

type FormattedResponse = { statusCode: number; response: { errors: Array<{ message: string; extensions: { code: string } }> } };

/**
 * Removes "Did you mean ...?" from validation messages that graphql-js writes outside `validate()`, such as
 * variable coercion errors ("Field "x" is not defined by type "Input". Did you mean "y"?").
 */
export function withoutSuggestions<Args extends unknown[], Result extends FormattedResponse>(
  formatter: (...args: Args) => Result,
): (...args: Args) => Result {
  return (...args) => {
    const result = formatter(...args);
    for (const error of result.response.errors) {
      if (error.extensions.code === ErrorCode.GraphqlValidationFailed) error.message = error.message.replace(SUGGESTION, '');
    }
    return result;
  };
}
