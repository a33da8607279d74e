import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateTeamInput, CreateUserInput, UpdateUserInput } from '../../gql/graphql';
import { execute } from '../../lib/graphql-client';
import { CreateTeamMutation, CreateUserMutation, PeopleQuery, UpdateUserMutation } from './graphql';

export const peopleQueries = {
  all: ['people'] as const,
  list: () => queryOptions({ queryKey: [...peopleQueries.all, 'list'] as const, queryFn: () => execute(PeopleQuery) }),
};

function useInvalidatingMutation<TInput, TResult>(run: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => queryClient.invalidateQueries({ queryKey: peopleQueries.all }) });
}

export const useCreateUser = () => useInvalidatingMutation((input: CreateUserInput) => execute(CreateUserMutation, { input }));
export const useUpdateUser = () => useInvalidatingMutation((input: UpdateUserInput) => execute(UpdateUserMutation, { input }));
export const useCreateTeam = () => useInvalidatingMutation((input: CreateTeamInput) => execute(CreateTeamMutation, { input }));
