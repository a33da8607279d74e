import { describe, expect, it } from '@jest/globals';
import { matchModelReferencesInputSchema, MAX_REFERENCES_PER_REQUEST } from './schema.js';

const reference = { kind: 'HUGGING_FACE', reference: 'Qwen/Qwen2.5-7B-Instruct' };

describe('matchModelReferencesInputSchema', () => {
  it('fills the defaults: internal data, no personal data, no hosting target or team', () => {
    expect(matchModelReferencesInputSchema.parse({ references: [reference], environment: 'PRODUCTION' })).toEqual({
      references: [{ ...reference, sha256: null, fileName: null }],
      environment: 'PRODUCTION',
      dataClassification: 'INTERNAL',
      personalData: false,
      hostingTargetId: null,
      hostingTarget: null,
      teamId: null,
    });
  });

  it('limits a request to 2,000 references and asks weights for their checksum', () => {
    const many = Array.from({ length: MAX_REFERENCES_PER_REQUEST + 1 }, () => reference);
    const tooMany = matchModelReferencesInputSchema.safeParse({ references: many, environment: 'STAGING' });
    expect(tooMany.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([
      'references: must be at most 2000 references; send several requests',
    ]);
    const weights = matchModelReferencesInputSchema.safeParse({
      references: [{ kind: 'WEIGHTS_FILE', reference: 'sha256:x' }],
      environment: 'STAGING',
      hostingTarget: 'A',
      hostingTargetId: '00000000-0000-4000-8000-000000000000',
    });
    expect(weights.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([
      'references.0.sha256: a weights file needs its SHA-256',
      'hostingTarget: give the hosting target by id or by name, not both',
    ]);
  });
});
