import { queryOptions } from '@tanstack/react-query';
import type { PolicyQuestionInput } from '../../gql/graphql';
import { execute } from '../../lib/graphql-client';
import {
  AskPolicyDecisionQuery,
  PolicyExceptionsQuery,
  PolicyInForceQuery,
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
};

/** Previews and gate questions are asked on demand, not cached as reads of the page. */
export const previewPolicy = async (policy: unknown) => (await execute(PolicyPreviewQuery, { policy })).policyPreview;
export const askGate = async (input: PolicyQuestionInput) => (await execute(AskPolicyDecisionQuery, { input })).policyDecision;
