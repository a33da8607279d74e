import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { execute, setCsrfToken } from '../../lib/graphql-client';
import { SignInMutation, SignOutMutation } from './graphql';
import { sessionQueries } from './queries';

export function useViewer() {
  return useQuery(sessionQueries.viewer());
}

export function useAuthOptions() {
  return useQuery(sessionQueries.authOptions());
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) => execute(SignInMutation, { input }),
    onSuccess: async ({ signIn }) => {
      setCsrfToken(signIn.viewer.csrfToken);
      // Everything cached so far was fetched as someone else (or nobody).
      await queryClient.resetQueries();
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => execute(SignOutMutation),
    onSettled: async () => {
      setCsrfToken(null);
      await queryClient.resetQueries();
    },
  });
}
