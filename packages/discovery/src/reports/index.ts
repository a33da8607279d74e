// What the browser may import: no Node.js modules below this folder.
export {
  MAX_FINDINGS_PER_REPORT,
  SCAN_FINDING_STATUSES,
  scanFindingInputSchema,
  submitScanReportInputSchema,
  type ScanFindingInput,
  type ScanFindingStatus,
  type SubmitScanReportInput,
} from './scan-report.js';
export { readScanJson, type ScanJson } from './scan-json.js';
