import { createRequire } from 'node:module';

type Pdf = PDFKit.PDFDocument;

/**
 * The faces the PDF is set in, registered on each document under these names. DejaVu Sans Condensed (from the
 * `dejavu-fonts-ttf` package) covers Latin, Greek, Cyrillic and much more, but not Chinese, Japanese or Korean.
 * pdfkit embeds only the glyphs a document uses, so each face adds a few kilobytes, not the whole file.
 */
export const FONT = {
  regular: 'DejaVuSansCondensed',
  bold: 'DejaVuSansCondensed-Bold',
  italic: 'DejaVuSansCondensed-Oblique',
  mono: 'DejaVuSansMono',
} as const;

export type FontName = (typeof FONT)[keyof typeof FONT];

let fontFiles: Record<FontName, string> | undefined;

/**
 * The font files, resolved like modules so that they are found from `dist` and from tests alike. Resolved on first
 * use, so that a missing package fails the PDF export rather than everything that imports the writer.
 */
export function fontFile(name: FontName): string {
  if (!fontFiles) {
    const require = createRequire(import.meta.url);
    const resolve = (font: FontName) => require.resolve(`dejavu-fonts-ttf/ttf/${font}.ttf`);
    fontFiles = {
      [FONT.regular]: resolve(FONT.regular),
      [FONT.bold]: resolve(FONT.bold),
      [FONT.italic]: resolve(FONT.italic),
      [FONT.mono]: resolve(FONT.mono),
    };
  }
  return fontFiles[name];
}

export function registerFonts(pdf: Pdf): void {
  for (const name of Object.values(FONT)) pdf.registerFont(name, fontFile(name));
}

// ---------------------------------------------------------------------------------------------
// Glyph coverage

/** Shown for a character the font has no glyph for, where the font has this one ('?' otherwise). */
export const MISSING_GLYPH = '\u25a1';

/** What fontkit (behind pdfkit's embedded fonts) says about a font's coverage. */
type GlyphCoverage = { hasGlyphForCodePoint(codePoint: number): boolean };

/** pdfkit's current font: its fontkit font (`font`) and its ascender in thousandths of the font size. */
type CurrentFont = { font?: Partial<GlyphCoverage>; ascender?: number };

function currentFont(pdf: Pdf): CurrentFont {
  // pdfkit exposes no public accessor for the font object it draws with.
  return (pdf as unknown as { _font?: CurrentFont })._font ?? {};
}

const coverageCache = new WeakMap<GlyphCoverage, (codePoint: number) => boolean>();

/** Whether the document's current font can draw a code point (answers are cached per font). */
function currentCoverage(pdf: Pdf): (codePoint: number) => boolean {
  const font = currentFont(pdf).font;
  if (typeof font?.hasGlyphForCodePoint !== 'function') {
    throw new Error('The current PDF font is not an embedded TrueType font, so its glyph coverage is unknown');
  }
  const coverage = font as GlyphCoverage;
  let hasGlyph = coverageCache.get(coverage);
  if (!hasGlyph) {
    const known = new Map<number, boolean>();
    hasGlyph = (codePoint) => {
      let answer = known.get(codePoint);
      if (answer === undefined) {
        answer = coverage.hasGlyphForCodePoint(codePoint);
        known.set(codePoint, answer);
      }
      return answer;
    };
    coverageCache.set(coverage, hasGlyph);
  }
  return hasGlyph;
}

/** The distance from the top of a line of the current font to its baseline, in points at `size`. */
export function ascentOf(pdf: Pdf, size: number): number {
  return ((currentFont(pdf).ascender ?? 800) / 1000) * size;
}

export type GlyphOptions = {
  /** Keep line breaks as "\n" (for text that may wrap onto several lines); otherwise they become spaces. */
  keepLineBreaks?: boolean;
};

/**
 * The text as a font can draw it: every character the font has no glyph for becomes MISSING_GLYPH ("通义千问" →
 * "□□□□"), or '?' where the font lacks that too; marks without a glyph are dropped, so the letter stays. Invisible
 * format characters (zero-width spaces, direction marks) are dropped; tabs, other control characters and spaces the
 * font lacks become plain spaces. The data itself is untouched: the CSV, XLSX and JSON formats carry it as it is.
 */
export function replaceMissingGlyphs(text: string, hasGlyph: (codePoint: number) => boolean, options: GlyphOptions = {}): string {
  const placeholder = hasGlyph(MISSING_GLYPH.codePointAt(0)!) ? MISSING_GLYPH : '?';
  const lineBreak = options.keepLineBreaks ? '\n' : ' ';
  let result = '';
  for (const char of text.normalize('NFC').replace(/\r\n?/g, '\n')) {
    const codePoint = char.codePointAt(0)!;
    if (codePoint >= 0x20 && codePoint < 0x7f && hasGlyph(codePoint)) result += char;
    else if (/[\n\u2028\u2029]/u.test(char)) result += lineBreak;
    else if (/\p{Cc}/u.test(char)) result += ' ';
    else if (/\p{Zs}/u.test(char)) result += hasGlyph(codePoint) ? char : ' ';
    else if (/\p{Cf}/u.test(char)) continue;
    else if (hasGlyph(codePoint)) result += char;
    else if (/\p{M}/u.test(char)) continue;
    else result += placeholder;
  }
  return result;
}

/** `replaceMissingGlyphs` for the document's current font; set the font that will draw the text first. */
export function drawableText(pdf: Pdf, text: string, options: GlyphOptions = {}): string {
  return replaceMissingGlyphs(text, currentCoverage(pdf), options);
}

/**
 * Empties pdfkit's caches of laid-out words. Each embedded font keeps every distinct word it has measured or drawn
 * for the life of the document, and ids, hashes and timestamps are all distinct: over thousands of rows that alone
 * would take hundreds of megabytes. Emptied now and then, the caches still serve the words a row repeats.
 */
export function releaseLayoutCaches(pdf: Pdf): void {
  const fonts = (pdf as unknown as { _fontFamilies?: Record<string, { layoutCache?: object }> })._fontFamilies ?? {};
  for (const font of Object.values(fonts)) {
    if (font.layoutCache) font.layoutCache = Object.create(null) as object;
  }
}
