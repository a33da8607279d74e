export {
  compareFindings,
  FINDING_KINDS,
  referenceKey,
  type Finding,
  type FindingKind,
  type ScanResult,
  type SkippedFile,
} from './findings.js';
export {
  BUILT_IN_RULES_URL,
  compileRules,
  loadRules,
  mergeRules,
  parseRulesFile,
  readRulesFile,
  RulesError,
  type CompiledRule,
  type CompiledRules,
} from './rules/load-rules.js';
export {
  rulesFileSchema,
  ruleSchema,
  WEIGHT_FORMATS,
  type RuleDefinition,
  type RulesFile,
  type WeightFormat,
} from './rules/schema.js';
export { scanText } from './scan/text-scanner.js';
export { IGNORE_FILES, scanTree, type ScanOptions } from './scan/scan-tree.js';
export { inspectWeightFile, sha256OfFile, type WeightFile } from './scan/weights.js';
export {
  MATCH_METHODS,
  MATCH_STATUSES,
  MAX_REFERENCES_PER_REQUEST,
  matchModelReferencesInputSchema,
  modelReferenceSchema,
  type MatchMethod,
  type MatchModelReferencesInput,
  type MatchStatus,
  type ModelReference,
  type ReferenceMatch,
} from './match/schema.js';
export { baseModelName, InventoryIndex, loose, type InventoryModel, type MatchOutcome, weightsInUse } from './match/matcher.js';
export { approvalCoveringAnyHosting, type UseWithoutHosting } from './match/approval-coverage.js';
export {
  describeResult,
  fingerprintOf,
  FINGERPRINT_KEY,
  levelOf,
  SARIF_SCHEMA_URI,
  toSarif,
  type SarifLevel,
  type SarifLog,
  type SarifOptions,
} from './sarif/to-sarif.js';
export { ModelCardError, parseModelCard } from './model-card/parse-model-card.js';
export {
  MAX_MODEL_CARD_LENGTH,
  modelCardBaseSchema,
  modelCardDraftSchema,
  modelCardInputSchema,
  type ModelCardBase,
  type ModelCardDraft,
  type ModelCardInput,
} from './model-card/schema.js';
export {
  MAX_FINDINGS_PER_REPORT,
  SCAN_FINDING_STATUSES,
  scanFindingInputSchema,
  submitScanReportInputSchema,
  toFindingInput,
  type ScanFindingInput,
  type ScanFindingStatus,
  type SubmitScanReportInput,
} from './reports/scan-report.js';
export {
  draftFromFinding,
  familyOf,
  type DraftProvider,
  type FindingForDraft,
  type RegistrationDraft,
} from './reports/registration-draft.js';
export { readScanJson, type ScanJson } from './reports/scan-json.js';
