export { NEVER_SCANNED, prepareSampleRepo, SAMPLE_REPO_DIR } from './sample-repo.js';
export { SARIF_SCHEMA_FILE, validateSarif } from './sarif-validator.js';
