/** What evidence files a review may carry, checked on the bytes, not on what the uploader claims. */

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

export const EVIDENCE_CONTENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/plain',
  'text/csv',
  'text/markdown',
  'application/json',
] as const;
export type EvidenceContentType = (typeof EVIDENCE_CONTENT_TYPES)[number];

const TEXT_TYPES: readonly string[] = ['text/plain', 'text/csv', 'text/markdown', 'application/json'];

const SIGNATURES: Partial<Record<EvidenceContentType, { bytes: number[]; name: string }>> = {
  'application/pdf': { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], name: 'PDF' },
  'image/png': { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], name: 'PNG' },
  'image/jpeg': { bytes: [0xff, 0xd8, 0xff], name: 'JPEG' },
};

export type EvidenceFileProblem = { field: 'fileName' | 'contentType' | 'content'; reason: string };

/** A file name to keep: no folders, no control characters, no dot-dot tricks, no reversed text. */
export function checkEvidenceFileName(fileName: string): string | null {
  if (fileName.length === 0) return 'must not be empty';
  if (fileName.length > 255) return 'must be at most 255 characters';
  if (/[/\\]/.test(fileName)) return 'must be a file name without folders ("/" or "\\")';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(fileName)) return 'must not contain control characters';
  // "invoice\u202Efdp.exe" shows as "invoiceexe.pdf": direction controls make a name read as another.
  if (/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(fileName)) return 'must not contain text direction characters';
  if (fileName === '.' || fileName === '..' || fileName.startsWith('.')) return 'must not start with a dot';
  return null;
}

/** Every problem with an uploaded evidence file; empty when it may be stored. */
export function checkEvidenceFile(file: { fileName: string; contentType: string; bytes: Uint8Array }): EvidenceFileProblem[] {
  const problems: EvidenceFileProblem[] = [];
  const nameProblem = checkEvidenceFileName(file.fileName);
  if (nameProblem) problems.push({ field: 'fileName', reason: nameProblem });
  if (!(EVIDENCE_CONTENT_TYPES as readonly string[]).includes(file.contentType)) {
    problems.push({ field: 'contentType', reason: `must be one of ${EVIDENCE_CONTENT_TYPES.join(', ')}` });
    return problems;
  }
  if (file.bytes.length === 0) {
    problems.push({ field: 'content', reason: 'must not be empty' });
    return problems;
  }
  if (file.bytes.length > EVIDENCE_MAX_BYTES) {
    problems.push({ field: 'content', reason: `must be at most ${EVIDENCE_MAX_BYTES / (1024 * 1024)} MiB` });
    return problems;
  }
  const signature = SIGNATURES[file.contentType as EvidenceContentType];
  if (signature && !signature.bytes.every((byte, index) => file.bytes[index] === byte)) {
    problems.push({ field: 'content', reason: `is not a ${signature.name} file, as its content type says` });
  }
  if (TEXT_TYPES.includes(file.contentType) && !isPlainUtf8(file.bytes)) {
    problems.push({ field: 'content', reason: 'must be UTF-8 text without NUL bytes for this content type' });
  }
  return problems;
}

function isPlainUtf8(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
