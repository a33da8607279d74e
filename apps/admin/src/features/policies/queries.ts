import { queryOptions } from '@tanstack/react-query';
import type { PolicyQuestionInput } from '../../gql/graphql';
import { execute } from '../../lib/graphql-client';
import {
  AskPolicyDecisionQuery,
  PolicyExceptionsQuery,
  PolicyInForceQuery,
  PolicyModelFactsQuery,
  PolicyPreviewQuery,
  PolicyVersionsQuery,
  PolicyViolationsQuery,
} from './graphql';

export const policyQueries = {
  all: ['policies'] as const,
  inForce: () =>
    queryOptions({
      queryKey: [...policyQueries.all, 'in-force'] as const,
      queryFn: async () => (await execute(PolicyInForceQuery)).policyInForce,
    }),
  versions: () =>
    queryOptions({
      queryKey: [...policyQueries.all, 'versions'] as const,
      queryFn: async () => (await execute(PolicyVersionsQuery)).policyVersions,
    }),
  exceptions: () =>
    queryOptions({
      queryKey: [...policyQueries.all, 'exceptions'] as const,
      queryFn: async () => (await execute(PolicyExceptionsQuery)).policyExceptions,
    }),
  violations: (openOnly: boolean) =>
    queryOptions({
      queryKey: [...policyQueries.all, 'violations', { openOnly }] as const,
      queryFn: async () => (await execute(PolicyViolationsQuery, { openOnly })).policyViolations,
    }),
  /** What the rules read of a model version, to show why a rule matched a gate question. */
  modelFacts: (id: string) =>
    queryOptions({
      queryKey: [...policyQueries.all, 'model-facts', id] as const,
      queryFn: async () => (await execute(PolicyModelFactsQuery, { id })).modelVersion,
    }),
};

/** Previews and gate questions are asked on demand, not cached as reads of the page. */
export const previewPolicy = async (policy: unknown) => (await execute(PolicyPreviewQuery, { policy })).policyPreview;
export const askGate = async (input: PolicyQuestionInput) => (await execute(AskPolicyDecisionQuery, { input })).policyDecision;
