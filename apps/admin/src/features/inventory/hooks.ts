import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  AttachModelWeightsInput,
  CreateDeploymentInput,
  CreateHostingTargetInput,
  CreateModelVersionInput,
  CreateProviderInput,
  ImportInventoryInput,
  RetireInput,
  UpdateDeploymentInput,
  UpdateHostingTargetInput,
  UpdateModelVersionInput,
} from '../../gql/graphql';
import { execute } from '../../lib/graphql-client';
import {
  AttachModelWeightsMutation,
  CreateDeploymentMutation,
  CreateHostingTargetMutation,
  CreateModelVersionMutation,
  CreateProviderMutation,
  ImportInventoryMutation,
  RetireDeploymentMutation,
  RetireHostingTargetMutation,
  RetireModelVersionMutation,
  UpdateDeploymentMutation,
  UpdateHostingTargetMutation,
  UpdateModelVersionMutation,
} from './graphql';
import { inventoryQueries } from './queries';

/**
 * Every inventory read depends on versions, providers and deployments together (counts, facets, lineage).
 * Reads no screen shows now are dropped rather than marked stale: a prefetched list (a hovered link, the other
 * side of a switch) would otherwise show the thing as it was before the change until its refetch returns.
 */
export function useInvalidateInventory() {
  const queryClient = useQueryClient();
  return () => {
    queryClient.removeQueries({ queryKey: inventoryQueries.all, type: 'inactive' });
    return queryClient.invalidateQueries({ queryKey: inventoryQueries.all });
  };
}

export function useCreateModelVersion() {
  const invalidate = useInvalidateInventory();
  return useMutation({
    mutationFn: (input: CreateModelVersionInput) => execute(CreateModelVersionMutation, { input }),
    onSuccess: invalidate,
  });
}

export function useUpdateModelVersion() {
  const invalidate = useInvalidateInventory();
  return useMutation({
    mutationFn: (input: UpdateModelVersionInput) => execute(UpdateModelVersionMutation, { input }),
    onSuccess: invalidate,
  });
}

export function useRetireModelVersion() {
  const invalidate = useInvalidateInventory();
  return useMutation({
    mutationFn: (input: RetireInput) => execute(RetireModelVersionMutation, { input }),
    onSuccess: invalidate,
  });
}

export function useAttachModelWeights() {
  const invalidate = useInvalidateInventory();
  return useMutation({
    mutationFn: (input: AttachModelWeightsInput) => execute(AttachModelWeightsMutation, { input }),
    onSuccess: invalidate,
  });
}

export function useCreateProvider() {
  const invalidate = useInvalidateInventory();
  return useMutation({
    mutationFn: (input: CreateProviderInput) => execute(CreateProviderMutation, { input }),
    onSuccess: invalidate,
  });
}

export function useCreateDeployment() {
  const invalidate = useInvalidateInventory();
  return useMutation({
    mutationFn: (input: CreateDeploymentInput) => execute(CreateDeploymentMutation, { input }),
    onSuccess: invalidate,
  });
}

export function useUpdateDeployment() {
  const invalidate = useInvalidateInventory();
  return useMutation({
    mutationFn: (input: UpdateDeploymentInput) => execute(UpdateDeploymentMutation, { input }),
    onSuccess: invalidate,
  });
}

export function useRetireDeployment() {
  const invalidate = useInvalidateInventory();
  return useMutation({
    mutationFn: (input: RetireInput) => execute(RetireDeploymentMutation, { input }),
    onSuccess: invalidate,
  });
}

export function useCreateHostingTarget() {
  const invalidate = useInvalidateInventory();
  return useMutation({
    mutationFn: (input: CreateHostingTargetInput) => execute(CreateHostingTargetMutation, { input }),
    onSuccess: invalidate,
  });
}

export function useUpdateHostingTarget() {
  const invalidate = useInvalidateInventory();
  return useMutation({
    mutationFn: (input: UpdateHostingTargetInput) => execute(UpdateHostingTargetMutation, { input }),
    onSuccess: invalidate,
  });
}

export function useRetireHostingTarget() {
  const invalidate = useInvalidateInventory();
  return useMutation({
    mutationFn: (input: RetireInput) => execute(RetireHostingTargetMutation, { input }),
    onSuccess: invalidate,
  });
}

export function useImportInventory() {
  const invalidate = useInvalidateInventory();
  return useMutation({
    mutationFn: (input: ImportInventoryInput) => execute(ImportInventoryMutation, { input }),
    onSuccess: (result) => (result.importInventory.ok && !result.importInventory.dryRun ? invalidate() : undefined),
  });
}
