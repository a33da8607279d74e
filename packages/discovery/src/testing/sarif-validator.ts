import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

const require = createRequire(import.meta.url);
// Both are CommonJS modules whose default export is `module.exports.default`.
const Ajv04 = ajvDraft04.default;
const addFormats = ajvFormats.default;

/**
 * The OASIS SARIF 2.1.0 JSON schema as Microsoft's SARIF SDK ships it (`sarif-2.1.0-rtm.5.json`, JSON Schema
 * draft-04), from the npm package `@microsoft/jest-sarif`. It differs from the errata 01 schema only in
 * redundant `type: string` next to enums, a `language` pattern, `runs` allowing null, and the errata's rule that
 * a region needs `startLine`, `charOffset` or `byteOffset`, which {@link validateSarif} checks as well.
 */
export const SARIF_SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

let validator: ((log: unknown) => boolean) & { errors?: unknown[] | null } = Object.assign(() => false, { errors: null });
let compiled = false;

/** Validates a SARIF log against the schema; returns the schema errors (empty when valid). */
export function validateSarif(log: unknown): string[] {
  if (!compiled) {
    // rtm.5's `language` pattern has a stray ']' that is valid only without the `u` flag (errata 01 fixed it).
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    // ajv-formats is typed against its own copy of Ajv 8; the instance is the same kind of object.
    addFormats(ajv as unknown as Parameters<typeof addFormats>[0]);
    validator = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_FILE, 'utf8')) as object);
    compiled = true;
  }
  const errors: string[] = [];
  if (!validator(log)) {
    for (const error of (validator.errors ?? []) as { instancePath: string; message?: string }[]) {
      errors.push(`${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}`);
    }
  }
  // The errata 01 rule the rtm.5 schema lacks: every region says where it starts.
  const runs =
    (log as { runs?: { results?: { locations?: { physicalLocation?: { region?: Record<string, unknown> } }[] }[] }[] }).runs ??
    [];
  runs.forEach((run, r) =>
    (run.results ?? []).forEach((result, i) =>
      (result.locations ?? []).forEach((location, l) => {
        const region = location.physicalLocation?.region;
        if (region && !('startLine' in region || 'charOffset' in region || 'byteOffset' in region)) {
          errors.push(`/runs/${r}/results/${i}/locations/${l}/physicalLocation/region needs startLine, charOffset or byteOffset`);
        }
      }),
    ),
  );
  return errors;
}
