/**
 * Test helpers that read a PDF back: its text line by line, and its pages as PNG images for people to look at.
 * pdfjs-dist and @napi-rs/canvas are devDependencies, so nothing outside tests may import this file.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';

const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
/** pdfjs draws the 14 standard PDF fonts (Helvetica…) from these files; it needs a trailing slash. */
const standardFontDataUrl = path.join(pdfjsRoot, 'standard_fonts') + path.sep;

/** pdfjs's worker module (it ships no types); loaded on the main thread, as pdfjs has no worker threads in Node. */
const workerModule = 'pdfjs-dist/legacy/build/pdf.worker.mjs';

async function ensureWorker(): Promise<void> {
  const global = globalThis as { pdfjsWorker?: unknown };
  global.pdfjsWorker ??= await import(workerModule);
}

async function withPdf<T>(pdfBytes: Uint8Array, use: (pdf: PDFDocumentProxy) => Promise<T>): Promise<T> {
  await ensureWorker();
  const loading = getDocument({
    // pdfjs takes the buffer over, so it gets a copy.
    data: new Uint8Array(pdfBytes),
    useSystemFonts: false,
    disableFontFace: true,
    standardFontDataUrl,
    verbosity: 0,
  });
  try {
    return await use(await loading.promise);
  } finally {
    await loading.destroy();
  }
}

/**
 * The text of each page as lines, top to bottom: text items on one baseline are joined left to right with
 * single spaces, so a table row reads like "Model access 120 3".
 */
export async function readPdfLines(pdfBytes: Uint8Array): Promise<string[][]> {
  return withPdf(pdfBytes, async (pdf) => {
    const pages: string[][] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const content = await (await pdf.getPage(number)).getTextContent();
      pages.push(linesOf(content.items.filter((item): item is TextItem => 'str' in item)));
    }
    return pages;
  });
}

function linesOf(items: readonly TextItem[]): string[] {
  const byBaseline = new Map<number, Array<{ x: number; text: string }>>();
  for (const item of items) {
    if (item.str.trim() === '') continue;
    const [, , , , x, y] = item.transform as number[];
    const baseline = Math.round(y ?? 0);
    const line = byBaseline.get(baseline) ?? [];
    line.push({ x: x ?? 0, text: item.str.trim() });
    byBaseline.set(baseline, line);
  }
  // PDF y grows upwards, so the top line has the largest baseline.
  return [...byBaseline.entries()]
    .sort(([a], [b]) => b - a)
    .map(([, line]) =>
      line
        .sort((a, b) => a.x - b.x)
        .map((part) => part.text)
        .join(' '),
    );
}

/** Renders every page to `<outDir>/<prefix>-page-<n>.png` and returns the file paths in page order. */
export async function renderPdfPages(pdfBytes: Uint8Array, outDir: string, prefix: string, scale = 1.5): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  return withPdf(pdfBytes, async (pdf) => {
    const files: string[] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const page = await pdf.getPage(number);
      const viewport = page.getViewport({ scale });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      // @napi-rs/canvas implements the part of HTMLCanvasElement that pdfjs draws on.
      await page.render({ canvas, viewport }).promise;
      const file = path.join(outDir, `${prefix}-page-${number}.png`);
      await writeFile(file, await canvas.encode('png'));
      files.push(file);
    }
    return files;
  });
}
