import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  DecideExceptionInput,
  DraftPolicyInput,
  ExceptionStepInput,
  PolicyVersionStepInput,
  RequestExceptionInput,
  UpdatePolicyDraftInput,
} from '../../gql/graphql';
import { execute } from '../../lib/graphql-client';
import { approvalQueries } from '../approvals/queries';
import { inventoryQueries } from '../inventory/queries';
import {
  ActivatePolicyVersionMutation,
  ChangePolicyExceptionMutation,
  DecidePolicyExceptionMutation,
  DiscardPolicyVersionMutation,
  DraftPolicyVersionMutation,
  RequestPolicyExceptionMutation,
  RunDriftSweepMutation,
  UpdatePolicyDraftMutation,
} from './graphql';
import { policyQueries } from './queries';

/** A policy change can move every decision: refresh the policy pages, and the inventory and approvals that show decisions. */
function usePolicyMutation<TInput, TResult>(run: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: policyQueries.all }),
        queryClient.invalidateQueries({ queryKey: inventoryQueries.all }),
        queryClient.invalidateQueries({ queryKey: approvalQueries.all }),
      ]),
  });
}

export const useDraftPolicyVersion = () =>
  usePolicyMutation((input: DraftPolicyInput) => execute(DraftPolicyVersionMutation, { input }));
export const useUpdatePolicyDraft = () =>
  usePolicyMutation((input: UpdatePolicyDraftInput) => execute(UpdatePolicyDraftMutation, { input }));
export const useActivatePolicyVersion = () =>
  usePolicyMutation((input: PolicyVersionStepInput) => execute(ActivatePolicyVersionMutation, { input }));
export const useDiscardPolicyVersion = () =>
  usePolicyMutation((input: PolicyVersionStepInput) => execute(DiscardPolicyVersionMutation, { input }));
export const useRequestPolicyException = () =>
  usePolicyMutation((input: RequestExceptionInput) => execute(RequestPolicyExceptionMutation, { input }));
export const useDecidePolicyException = () =>
  usePolicyMutation((input: DecideExceptionInput) => execute(DecidePolicyExceptionMutation, { input }));
export const useChangePolicyException = () =>
  usePolicyMutation((input: ExceptionStepInput) => execute(ChangePolicyExceptionMutation, { input }));
export const useRunDriftSweep = () => usePolicyMutation(() => execute(RunDriftSweepMutation));
