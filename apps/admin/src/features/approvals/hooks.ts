import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  AddEvidenceInput,
  ApprovalStepInput,
  AssignReviewInput,
  CreateApprovalRequestInput,
  DecideInput,
  FileReviewInput,
  MarkNotificationsReadInput,
  RequestStepInput,
  UpdateApprovalRequestInput,
} from '../../gql/graphql';
import { execute } from '../../lib/graphql-client';
import { inventoryQueries } from '../inventory/queries';
import {
  AddReviewEvidenceMutation,
  AssignReviewMutation,
  ChangeApprovalMutation,
  CreateApprovalRequestMutation,
  DecideApprovalRequestMutation,
  FileReviewMutation,
  MarkNotificationsReadMutation,
  RenewApprovalMutation,
  SubmitApprovalRequestMutation,
  UpdateApprovalRequestMutation,
  WithdrawApprovalRequestMutation,
} from './graphql';
import { approvalQueries, notificationQueries } from './queries';

/** A workflow step changes the request, its lists, the version's approval facet and the viewer's notifications. */
function useInvalidateApprovals() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: approvalQueries.all }),
      queryClient.invalidateQueries({ queryKey: inventoryQueries.all }),
      queryClient.invalidateQueries({ queryKey: notificationQueries.all }),
    ]);
}

function useApprovalMutation<TInput, TResult>(run: (input: TInput) => Promise<TResult>) {
  const invalidate = useInvalidateApprovals();
  return useMutation({ mutationFn: run, onSuccess: () => invalidate() });
}

export const useCreateApprovalRequest = () =>
  useApprovalMutation((input: CreateApprovalRequestInput) => execute(CreateApprovalRequestMutation, { input }));
export const useUpdateApprovalRequest = () =>
  useApprovalMutation((input: UpdateApprovalRequestInput) => execute(UpdateApprovalRequestMutation, { input }));
export const useSubmitApprovalRequest = () =>
  useApprovalMutation((input: RequestStepInput) => execute(SubmitApprovalRequestMutation, { input }));
export const useWithdrawApprovalRequest = () =>
  useApprovalMutation((input: RequestStepInput) => execute(WithdrawApprovalRequestMutation, { input }));
export const useAssignReview = () => useApprovalMutation((input: AssignReviewInput) => execute(AssignReviewMutation, { input }));
export const useFileReview = () => useApprovalMutation((input: FileReviewInput) => execute(FileReviewMutation, { input }));
export const useAddReviewEvidence = () =>
  useApprovalMutation((input: AddEvidenceInput) => execute(AddReviewEvidenceMutation, { input }));
export const useDecideApprovalRequest = () =>
  useApprovalMutation((input: DecideInput) => execute(DecideApprovalRequestMutation, { input }));
export const useChangeApproval = () =>
  useApprovalMutation((input: ApprovalStepInput) => execute(ChangeApprovalMutation, { input }));
export const useRenewApproval = () => useApprovalMutation((id: string) => execute(RenewApprovalMutation, { id }));

export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MarkNotificationsReadInput) => execute(MarkNotificationsReadMutation, { input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationQueries.all }),
  });
}
