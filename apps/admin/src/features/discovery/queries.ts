import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ScanReportQuery as ScanReportResult, SubmitScanReportInput } from '../../gql/graphql';
import { execute } from '../../lib/graphql-client';
import { RegistrationDraftQuery, ScanReportQuery, ScanReportsQuery, SubmitScanReportMutation } from './graphql';

export type ScanReportView = ScanReportResult['scanReport'];
export type ScanFindingView = ScanReportView['findings'][number];

export const discoveryQueries = {
  all: ['discovery'] as const,
  reports: (repository: string | null = null) =>
    queryOptions({
      queryKey: [...discoveryQueries.all, 'reports', repository] as const,
      queryFn: async () => (await execute(ScanReportsQuery, { repository })).scanReports,
    }),
  report: (id: string) =>
    queryOptions({
      queryKey: [...discoveryQueries.all, 'report', id] as const,
      queryFn: async () => (await execute(ScanReportQuery, { id })).scanReport,
    }),
  registrationDraft: (findingId: string) =>
    queryOptions({
      queryKey: [...discoveryQueries.all, 'draft', findingId] as const,
      queryFn: async () => (await execute(RegistrationDraftQuery, { findingId })).registrationDraftFromFinding,
      staleTime: Infinity,
    }),
};

export function useSubmitScanReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: SubmitScanReportInput) => (await execute(SubmitScanReportMutation, { input })).submitScanReport,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...discoveryQueries.all, 'reports'] }),
  });
}
