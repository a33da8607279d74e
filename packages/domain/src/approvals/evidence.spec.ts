import { describe, expect, it } from '@jest/globals';
import { checkEvidenceFile, checkEvidenceFileName, EVIDENCE_MAX_BYTES } from './evidence.js';

const pdf = new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n'), 0x0a]);

describe('evidence files', () => {
  it('accepts a real PDF and UTF-8 text', () => {
    expect(checkEvidenceFile({ fileName: 'pen-test.pdf', contentType: 'application/pdf', bytes: pdf })).toEqual([]);
    expect(
      checkEvidenceFile({ fileName: 'notes.md', contentType: 'text/markdown', bytes: new TextEncoder().encode('# Findings ✓') }),
    ).toEqual([]);
  });

  it('checks the bytes, not the claimed type', () => {
    expect(
      checkEvidenceFile({ fileName: 'x.pdf', contentType: 'application/pdf', bytes: new TextEncoder().encode('<html>') }),
    ).toEqual([{ field: 'content', reason: 'is not a PDF file, as its content type says' }]);
    expect(
      checkEvidenceFile({ fileName: 'x.txt', contentType: 'text/plain', bytes: new Uint8Array([0x41, 0x00, 0x42]) }),
    ).toEqual([{ field: 'content', reason: 'must be UTF-8 text without NUL bytes for this content type' }]);
    expect(checkEvidenceFile({ fileName: 'x.zip', contentType: 'application/zip', bytes: pdf })[0]?.field).toBe('contentType');
  });

  it('refuses oversized and empty files and path tricks in names', () => {
    const big = new Uint8Array(EVIDENCE_MAX_BYTES + 1);
    big.set(pdf);
    expect(checkEvidenceFile({ fileName: 'big.pdf', contentType: 'application/pdf', bytes: big })).toEqual([
      { field: 'content', reason: 'must be at most 10 MiB' },
    ]);
    expect(checkEvidenceFile({ fileName: 'e.pdf', contentType: 'application/pdf', bytes: new Uint8Array() })[0]?.reason).toBe(
      'must not be empty',
    );
    expect(checkEvidenceFileName('../../etc/passwd')).toBe('must be a file name without folders ("/" or "\\")');
    expect(checkEvidenceFileName('..')).toBe('must not start with a dot');
    expect(checkEvidenceFileName('report\u0007.pdf')).toBe('must not contain control characters');
    expect(checkEvidenceFileName('report\u0085.pdf')).toBe('must not contain control characters');
    expect(checkEvidenceFileName('invoice\u202Efdp.exe')).toBe('must not contain text direction characters');
    expect(checkEvidenceFileName('scan\u2067.pdf')).toBe('must not contain text direction characters');
    expect(checkEvidenceFileName('report.pdf')).toBeNull();
    expect(checkEvidenceFileName('Prüfbericht – 通义千问.pdf')).toBeNull();
  });
});
