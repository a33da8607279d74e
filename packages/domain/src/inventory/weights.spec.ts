import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '../errors.js';
import { parseOrThrow } from '../validation.js';
import { attachModelWeightsInputSchema, parseChecksumListing, weightsDigestInput } from './weights.js';

const id = '00000000-0000-4000-8000-000000000001';
const shaA = 'a'.repeat(64);
const shaB = 'b'.repeat(64);

function fieldErrors(value: unknown): Record<string, string> {
  try {
    parseOrThrow(attachModelWeightsInputSchema, value, 'input');
    return {};
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return Object.fromEntries(error.fields.map((field) => [field.field, field.reason]));
  }
}

describe('attachModelWeightsInputSchema', () => {
  it('accepts a folder of shards, lower-casing checksums', () => {
    const input = parseOrThrow(
      attachModelWeightsInputSchema,
      {
        id,
        expectedVersion: 2,
        files: [
          { path: 'model-00001-of-00002.safetensors', sha256: shaA.toUpperCase(), sizeBytes: 4_900_000_000 },
          { path: 'sub/model-00002-of-00002.safetensors', sha256: shaB },
        ],
      },
      'input',
    );
    expect(input.files).toEqual([
      { path: 'model-00001-of-00002.safetensors', sha256: shaA, sizeBytes: 4_900_000_000 },
      { path: 'sub/model-00002-of-00002.safetensors', sha256: shaB, sizeBytes: null },
    ]);
  });

  it('names each bad file field', () => {
    expect(
      fieldErrors({
        id,
        expectedVersion: 1,
        files: [
          { path: '../etc/passwd', sha256: shaA },
          { path: '/abs.gguf', sha256: shaA },
          { path: 'win\\model.bin', sha256: shaA },
          { path: 'ok.gguf', sha256: 'xyz' },
          { path: 'big.gguf', sha256: shaA, sizeBytes: -1 },
          { path: 'bell\u0007.gguf', sha256: shaA },
        ],
      }),
    ).toEqual({
      'input.files.0.path': 'must not contain empty, "." or ".." segments',
      'input.files.1.path': 'must be relative to the weights folder',
      'input.files.2.path': 'must use forward slashes',
      'input.files.3.sha256': 'must be a SHA-256 digest: 64 hexadecimal characters',
      'input.files.4.sizeBytes': 'must not be negative',
      'input.files.5.path': 'must not contain control characters',
    });
  });

  it('refuses an empty folder and a file listed twice', () => {
    expect(fieldErrors({ id, expectedVersion: 1, files: [] })).toEqual({ 'input.files': 'must name at least one weight file' });
    expect(
      fieldErrors({
        id,
        expectedVersion: 1,
        files: [
          { path: 'a.gguf', sha256: shaA },
          { path: 'a.gguf', sha256: shaB },
        ],
      }),
    ).toEqual({ 'input.files.1.path': 'is listed twice' });
  });
});

describe('weightsDigestInput', () => {
  it('is the file’s own checksum for a single file', () => {
    expect(weightsDigestInput([{ path: 'm.gguf', sha256: shaA }])).toEqual({ single: shaA });
  });

  it('is what `sha256sum <files> | sort -k2` prints for several, whatever the order given', () => {
    const files = [
      { path: 'model-00002-of-00002.safetensors', sha256: shaB },
      { path: 'model-00001-of-00002.safetensors', sha256: shaA },
    ];
    const expected = `${shaA}  model-00001-of-00002.safetensors\n${shaB}  model-00002-of-00002.safetensors\n`;
    expect(weightsDigestInput(files)).toEqual({ manifest: expected });
    expect(weightsDigestInput([...files].reverse())).toEqual({ manifest: expected });
    // The digest a reader recomputes with `... | sha256sum`.
    expect(createHash('sha256').update(expected).digest('hex')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('parseChecksumListing', () => {
  it('reads GNU text and binary mode, BSD tags, ./ prefixes and comments', () => {
    const listing = [
      '# sha256sum *.safetensors',
      `${shaA}  ./model-00001-of-00002.safetensors`,
      `${shaB.toUpperCase()} *model-00002-of-00002.safetensors`,
      '',
      `SHA256 (tokenizer/model.gguf) = ${shaA}`,
    ].join('\r\n');
    expect(parseChecksumListing(listing)).toEqual({
      files: [
        { path: 'model-00001-of-00002.safetensors', sha256: shaA },
        { path: 'model-00002-of-00002.safetensors', sha256: shaB },
        { path: 'tokenizer/model.gguf', sha256: shaA },
      ],
      problems: [],
    });
  });

  it('reports, by line, what it cannot read', () => {
    const listing = [`${shaA}  a.gguf`, 'not a checksum', `${shaB}  a.gguf`, `${shaB}  ../b.gguf`].join('\n');
    expect(parseChecksumListing(listing)).toEqual({
      files: [{ path: 'a.gguf', sha256: shaA }],
      problems: [
        { line: 2, reason: 'is not a checksum line: expected "<sha256>  <file>"' },
        { line: 3, reason: 'a.gguf is listed twice' },
        { line: 4, reason: 'the path must not contain empty, "." or ".." segments' },
      ],
    });
  });
});
