// Spreadsheets run a cell starting with one of these as a formula (CWE-1236, OWASP "CSV injection"), so such
// text gets a leading apostrophe, which Excel shows as plain text. Text that already starts with apostrophes
// before one of them gets one more, so that removing exactly one apostrophe always gives back the original.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const ESCAPED_FORMULA_START = /^'+[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse of `neutraliseFormula`, for files Modelgate reads back. */
export function restoreFormula(text: string): string {
  return ESCAPED_FORMULA_START.test(text) ? text.slice(1) : text;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One RFC 4180 field: quoted when it holds a quote, comma or line break; text neutralised. */
export function csvField(text: string): string {
  const safe = neutraliseFormula(text);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * A whole small CSV file in memory (the browser's "CSV of this view"): a byte order mark and CRLF line ends, as
 * the server's report exports, so Excel reads the encoding and the rows right.
 */
export function csvDocument(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
