import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateApiTokenInput } from '../../gql/graphql';
import { execute } from '../../lib/graphql-client';
import { CreateApiTokenMutation, RevokeApiTokenMutation } from './graphql';
import { apiTokenQueries } from './queries';

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiTokenInput) => execute(CreateApiTokenMutation, { input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokenQueries.all }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => execute(RevokeApiTokenMutation, { id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokenQueries.all }),
  });
}
