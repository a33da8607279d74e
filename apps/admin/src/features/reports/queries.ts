import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateReportExportInput, ReportExportFieldsFragment } from '../../gql/graphql';
import { execute } from '../../lib/graphql-client';
import { CreateReportExportMutation, ReportExportQuery, ReportExportsQuery, ReportSigningKeyQuery } from './graphql';

export type ReportExportView = ReportExportFieldsFragment;

const isUnfinished = (view: ReportExportView) => view.status === 'QUEUED' || view.status === 'RUNNING';

export const reportQueries = {
  all: ['reports'] as const,
  exports: () =>
    queryOptions({
      queryKey: [...reportQueries.all, 'exports'] as const,
      queryFn: () => execute(ReportExportsQuery),
      // Background exports report progress on their row: poll while any is unfinished.
      refetchInterval: (query) => (query.state.data?.reportExports.some(isUnfinished) ? 1_000 : false),
    }),
  /** One export with its manifest, for its own page; polled while it runs, like the list. */
  export: (id: string) =>
    queryOptions({
      queryKey: [...reportQueries.all, 'exports', id] as const,
      queryFn: async () => (await execute(ReportExportQuery, { id })).reportExport,
      refetchInterval: (query) => (query.state.data && isUnfinished(query.state.data) ? 1_000 : false),
    }),
  signingKey: () =>
    queryOptions({
      queryKey: [...reportQueries.all, 'signing-key'] as const,
      queryFn: () => execute(ReportSigningKeyQuery),
      staleTime: Infinity,
    }),
};

export function useCreateReportExport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateReportExportInput) => execute(CreateReportExportMutation, { input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...reportQueries.all, 'exports'] }),
  });
}

/** Starts the browser's download of a ready bundle (same-origin, the session cookie goes along). */
export function downloadBundle(view: Pick<ReportExportView, 'downloadPath' | 'fileName'>): void {
  if (!view.downloadPath) return;
  const link = document.createElement('a');
  link.href = view.downloadPath;
  link.download = view.fileName ?? 'report.zip';
  document.body.append(link);
  link.click();
  link.remove();
}
