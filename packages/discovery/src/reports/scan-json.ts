import { dataClassificationSchema, environmentSchema } from '@modelgate/domain/inventory';
import { MAX_FINDINGS_PER_REPORT, scanFindingInputSchema, type ScanFindingInput } from './scan-report.js';

/** What `modelgate scan --format json` wrote, as far as an upload needs it. */
export type ScanJson = {
  /** The scanned folder's name: a starting point for the repository name. */
  folderName: string | null;
  context: {
    environment: string | null;
    dataClassification: string | null;
    personalData: boolean;
    hostingTarget: string | null;
    teamId: string | null;
  };
  filesScanned: number | null;
  findings: ScanFindingInput[];
  problems: string[];
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const stringOrNull = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);

/**
 * Reads the JSON output of `modelgate scan` (pasted or uploaded in the admin app). Findings that do not fit
 * are listed in `problems` by their position, never silently dropped; statuses in the file are ignored (the
 * server decides them).
 */
export function readScanJson(text: string): ScanJson {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('This is not JSON: paste the output of `modelgate scan --format json`.');
  }
  if (!isObject(parsed) || !Array.isArray(parsed.findings)) {
    throw new Error('This JSON has no "findings" list: paste the output of `modelgate scan --format json`.');
  }
  if (parsed.findings.length > MAX_FINDINGS_PER_REPORT) {
    throw new Error(`The scan has ${parsed.findings.length} findings; one upload takes at most ${MAX_FINDINGS_PER_REPORT}.`);
  }
  const problems: string[] = [];
  const findings: ScanFindingInput[] = [];
  parsed.findings.forEach((raw: unknown, index) => {
    const result = scanFindingInputSchema.safeParse(raw);
    if (result.success) findings.push(result.data);
    else {
      const issue = result.error.issues[0]!;
      const where =
        isObject(raw) && typeof raw.file === 'string'
          ? ` (${raw.file}${typeof raw.line === 'number' ? `:${raw.line}` : ''})`
          : '';
      problems.push(`Finding ${index + 1}${where}: ${issue.path.join('.') || 'the finding'} ${issue.message}`);
    }
  });
  const context = isObject(parsed.context) ? parsed.context : {};
  const environment = environmentSchema.safeParse(context.environment);
  const dataClassification = dataClassificationSchema.safeParse(context.dataClassification);
  const root = stringOrNull(parsed.root);
  return {
    folderName: root ? (root.split(/[\\/]/).filter(Boolean).at(-1) ?? null) : null,
    context: {
      environment: environment.success ? environment.data : null,
      dataClassification: dataClassification.success ? dataClassification.data : null,
      personalData: context.personalData === true,
      hostingTarget: stringOrNull(context.hostingTarget),
      teamId: stringOrNull(context.teamId),
    },
    filesScanned: typeof parsed.filesScanned === 'number' && Number.isInteger(parsed.filesScanned) ? parsed.filesScanned : null,
    findings,
    problems,
  };
}
