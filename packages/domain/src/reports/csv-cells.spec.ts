import { describe, expect, it } from '@jest/globals';
import { csvDocument, csvField, neutraliseFormula, restoreFormula } from './csv-cells.js';

describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("http://evil")', `'=HYPERLINK("http://evil")`],
    ['+1', `'+1`],
    ['-2', `'-2`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tx', `'\tx`],
    [`'=x`, `''=x`],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
  ])('neutralises %j as %j and restores it', (text, neutralised) => {
    expect(neutraliseFormula(text)).toBe(neutralised);
    expect(restoreFormula(neutraliseFormula(text))).toBe(text);
  });

  it('quotes fields with quotes, commas and line breaks only', () => {
    expect(csvField('Qwen2.5')).toBe('Qwen2.5');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('one\ntwo')).toBe('"one\ntwo"');
    expect(csvField('lone\rreturn')).toBe('"lone\rreturn"');
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
  });

  it('writes a document with a byte order mark and CRLF line ends', () => {
    expect(
      csvDocument(
        ['Name', 'Count'],
        [
          ['Qwen', '3'],
          ['Llama, 3', ''],
        ],
      ),
    ).toBe('\uFEFFName,Count\r\nQwen,3\r\n"Llama, 3",\r\n');
  });
});
