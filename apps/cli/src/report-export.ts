import { REPORT_FORMATS, REPORT_TYPES } from '@modelgate/domain/reports';
import { CliError, type ApiClient } from './api-client.js';

const CREATE = `mutation ($input: CreateReportExportInput!) {
  createReportExport(input: $input) { id status progress rowsTotal rowsWritten fileName downloadPath sha256 error }
}`;
const GET = `query ($id: ID!) { reportExport(id: $id) { id status progress rowsTotal rowsWritten fileName downloadPath sha256 error } }`;

type ExportView = {
  id: string;
  status: 'QUEUED' | 'RUNNING' | 'READY' | 'FAILED';
  progress: number;
  rowsTotal: number | null;
  rowsWritten: number;
  fileName: string | null;
  downloadPath: string | null;
  sha256: string | null;
  error: string | null;
};

export type ReportExportOptions = {
  type?: string;
  format?: string;
  from?: string;
  to?: string;
  asOf?: string;
  team?: string[];
  application?: string;
  /** Any other filters, as a JSON object (e.g. '{"developerCountries":["CN"]}'). */
  filters?: string;
  output?: string;
};

const POLL_MS = 1_000;

function inputOf(options: ReportExportOptions): Record<string, unknown> {
  const type = options.type?.toUpperCase().replace(/-/g, '_');
  if (!type || !(REPORT_TYPES as readonly string[]).includes(type)) {
    throw new CliError(`--type must be one of ${REPORT_TYPES.join(', ')}`);
  }
  const format = (options.format ?? (type === 'ML_BOM' ? 'CYCLONEDX' : 'CSV')).toUpperCase();
  if (!(REPORT_FORMATS as readonly string[]).includes(format))
    throw new CliError(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
  let extra: Record<string, unknown> = {};
  if (options.filters) {
    try {
      extra = JSON.parse(options.filters) as Record<string, unknown>;
    } catch {
      throw new CliError('--filters must be a JSON object, e.g. \'{"developerCountries":["CN"]}\'');
    }
  }
  const filters = {
    ...extra,
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
    ...(options.asOf ? { asOf: options.asOf } : {}),
    ...(options.team?.length ? { teamIds: options.team } : {}),
    ...(options.application ? { application: options.application } : {}),
  };
  return { type, format, filters };
}

/**
 * Asks for an export, waits while a large one runs in the background (progress on stderr), and saves
 * the signed bundle. Returns the export as the server describes it and where the bundle went.
 */
export async function exportReport(
  client: ApiClient,
  options: ReportExportOptions,
  onProgress: (line: string) => void,
): Promise<{ view: ExportView; file: string }> {
  let view = (await client.query<{ createReportExport: ExportView }>(CREATE, { input: inputOf(options) })).createReportExport;
  while (view.status === 'QUEUED' || view.status === 'RUNNING') {
    onProgress(`${view.status.toLowerCase()}: ${view.rowsWritten} of ${view.rowsTotal ?? '?'} rows`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    view = (await client.query<{ reportExport: ExportView }>(GET, { id: view.id })).reportExport;
  }
  if (view.status === 'FAILED' || !view.downloadPath)
    throw new CliError(`the export failed: ${view.error ?? 'no reason given'}`, 1);
  const file = options.output ?? view.fileName ?? `${view.id}.zip`;
  await client.download(view.downloadPath, file);
  return { view, file };
}
