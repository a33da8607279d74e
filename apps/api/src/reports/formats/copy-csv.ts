import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createDeflateRaw } from 'node:zlib';
import { canonicalJson } from '@modelgate/domain/audit';
import { neutraliseFormula } from '@modelgate/domain/reports';
import { stringify } from 'csv-stringify/sync';
import type { ProgressTracker } from './cell-format.js';
import { DEFLATE_LEVEL } from '../report-bundle.js';
import { CSV_OPTIONS } from './csv-writer.js';
import { canonicalJsonFromJsonbText } from './jsonb-canonical.js';
import type { ReportColumn } from './report-document.js';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;

/** First bytes of a field that may need the formula guard: `neutraliseFormula` looks past leading apostrophes. */
const MAY_RUN_AS_FORMULA = new Uint8Array(256);
for (const char of "'=+-@\t\r") MAY_RUN_AS_FORMULA[char.charCodeAt(0)] = 1;

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * The deflate window for the extract: 4 KB (zlib's default is 32 KB) holds several events, which is where the
 * repeats are, and level 1 runs faster with it: on the bench's 200,000 events (110 MB), 35% less time, and 22.2%
 * of the size against 23.4%.
 */
const DEFLATE_WINDOW_BITS = 12;

/** Input converted at a time, between looks at the clock. */
const PIECE_BYTES = 4 * 1024;

/**
 * How long a turn of the event loop converts before letting other work (requests) run. Bounded by time rather than by
 * bytes: the same bytes take ten times longer before the code is optimised, at the start of a process's first export.
 */
const TURN_BUDGET_MS = 1;

/** Output is handed on in pieces of about this size (fewer, larger writes and hash updates). */
const OUTPUT_BYTES = 256 * 1024;

/**
 * Room for a piece of output and the input piece that completes it (which takes at most twice its input, more only
 * with a long rewritten field, when the buffer grows): each piece is a fresh buffer, so more room is more memory.
 */
const OUTPUT_CAPACITY = OUTPUT_BYTES + 4 * PIECE_BYTES;

const enum FieldState {
  /** Before a field's first byte. */
  Start,
  /** An unquoted field that stays as PostgreSQL wrote it. */
  PassThrough,
  /** A field that is decoded and written again: quoted, formula-like, or JSON. */
  Rewrite,
}

/**
 * Turns PostgreSQL's `COPY ... TO STDOUT (FORMAT csv)` output into the CSV `writeCsv` writes for the same cells
 * (without the byte order mark and header, which the caller writes): records end in CRLF, text that a spreadsheet
 * would run gets the formula guard, empty text is an empty field (COPY writes it as `""`), and the JSON columns
 * (jsonb as PostgreSQL prints it) become canonical JSON, so an audit event's hash can be recomputed from the file.
 *
 * Most fields need none of that: unquoted ones that cannot start a formula are copied as they are, in runs, and only
 * quoted, formula-like and JSON fields are decoded, rewritten with the same functions the writers use, and quoted
 * again. JSON objects and arrays are rewritten from their bytes where that gives the same text
 * (`canonicalJsonFromJsonbText`), which costs a fraction of parsing and printing them. Counts records as it goes.
 */
export class CopyCsvToReportCsv extends Transform {
  records = 0;
  private readonly isJson: Uint8Array;
  private field = 0;
  private state = FieldState.Start;
  private inQuotes = false;
  /** The content of the field being rewritten, its quoting undone, as it arrives (possibly over several chunks). */
  private content = Buffer.allocUnsafe(4096);
  private contentLength = 0;
  /** A rewritten cell's UTF-8 before its quotes are doubled into the output. */
  private cell = Buffer.allocUnsafe(4096);
  private output = Buffer.allocUnsafe(OUTPUT_CAPACITY);
  private written = 0;

  constructor(
    jsonColumns: ReadonlySet<number>,
    private readonly onRecord: () => void = () => undefined,
  ) {
    super();
    this.isJson = new Uint8Array(Math.max(0, ...jsonColumns) + 2);
    for (const column of jsonColumns) this.isJson[column] = 1;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.convertInSlices(chunk, 0, done);
  }

  /**
   * Converts the chunk a piece at a time, for at most `TURN_BUDGET_MS` per turn of the event loop. Without the turns,
   * the COPY data a socket had (megabytes) was converted in one go, and /healthz waited 50-200 ms behind it; with
   * turns of 16 KB, it still waited 3-8 ms behind each of the first turns of a fresh process, before optimisation.
   */
  private convertInSlices(chunk: Buffer, from: number, done: TransformCallback): void {
    const started = performance.now();
    let at = from;
    try {
      do {
        const to = Math.min(chunk.length, at + PIECE_BYTES);
        this.convert(at === 0 && to === chunk.length ? chunk : chunk.subarray(at, to));
        at = to;
        if (this.written >= OUTPUT_BYTES) this.pushOutput();
      } while (at < chunk.length && performance.now() - started < TURN_BUDGET_MS);
    } catch (error) {
      done(error as Error);
      return;
    }
    setImmediate(() => (at < chunk.length ? this.convertInSlices(chunk, at, done) : done()));
  }

  override _flush(done: TransformCallback): void {
    if (this.state !== FieldState.Start || this.field !== 0) {
      done(new Error('COPY output ended inside a record'));
      return;
    }
    this.pushOutput();
    done();
  }

  // One pass over the bytes with the state in locals: this loop sees every byte of the export, so the runs that make
  // up most of it (a passed-through field, quoted text) each have a loop of their own that looks for one end only.
  private convert(chunk: Buffer): void {
    const { isJson } = this;
    const length = chunk.length;
    // Passed-through bytes and the records' CRs take at most twice the chunk; rewritten fields reserve their own room.
    this.reserve(2 * length + 64);
    // A field's content grows by at most the chunk.
    if (this.content.length < this.contentLength + length) {
      const grown = Buffer.allocUnsafe(2 * (this.contentLength + length));
      this.content.copy(grown, 0, 0, this.contentLength);
      this.content = grown;
    }
    let output = this.output;
    let written = this.written;
    const content = this.content;
    let contentLength = this.contentLength;
    let state = this.state;
    let field = this.field;
    let inQuotes = this.inQuotes;
    /** Start of the run of bytes to copy as they are. */
    let copyFrom = 0;
    let at = 0;
    bytes: while (at < length) {
      let byte = chunk[at]!;
      if (state === FieldState.PassThrough) {
        while (byte !== COMMA && byte !== LF) {
          if (++at === length) break bytes;
          byte = chunk[at]!;
        }
      } else if (state === FieldState.Rewrite) {
        if (inQuotes) {
          while (byte !== QUOTE) {
            content[contentLength++] = byte;
            if (++at === length) break bytes;
            byte = chunk[at]!;
          }
          // Inside quotes a quote closes them, unless another follows: then it was an escaped quote, one of content.
          inQuotes = false;
          at += 1;
          continue;
        }
        if (byte === QUOTE) {
          content[contentLength++] = QUOTE;
          inQuotes = true;
          at += 1;
          continue;
        }
        if (byte !== COMMA && byte !== LF) {
          content[contentLength++] = byte;
          at += 1;
          continue;
        }
        // The field ends at this delimiter.
        this.written = written;
        this.writeRewritten(content, contentLength, field, length - at);
        output = this.output;
        written = this.written;
        contentLength = 0;
        copyFrom = at;
      } else if (byte !== COMMA && byte !== LF) {
        // The first byte of a field.
        if (byte === QUOTE || MAY_RUN_AS_FORMULA[byte] === 1 || isJson[field] === 1) {
          written += chunk.copy(output, written, copyFrom, at);
          state = FieldState.Rewrite;
          inQuotes = byte === QUOTE;
          if (!inQuotes) content[contentLength++] = byte;
        } else state = FieldState.PassThrough;
        at += 1;
        continue;
      }
      // A delimiter: the comma (or the LF, after a CR) goes out with the next run.
      state = FieldState.Start;
      if (byte === COMMA) field += 1;
      else {
        written += chunk.copy(output, written, copyFrom, at);
        output[written++] = CR;
        copyFrom = at;
        field = 0;
        this.records += 1;
        this.onRecord();
      }
      at += 1;
    }
    if (state !== FieldState.Rewrite) written += chunk.copy(output, written, copyFrom, length);
    this.written = written;
    this.contentLength = contentLength;
    this.state = state;
    this.field = field;
    this.inQuotes = inQuotes;
  }

  /** Writes field `field`, whose content is the first `length` bytes of `content`, as the writers would. */
  private writeRewritten(content: Buffer, length: number, field: number, remaining: number): void {
    if (this.isJson[field] === 1 && (content[0] === OPEN_OBJECT || content[0] === OPEN_ARRAY)) {
      // Most JSON is canonicalised from PostgreSQL's text directly (never a formula: it starts with { or [).
      if (this.cell.length < length) this.cell = Buffer.allocUnsafe(2 * length);
      const bytes = canonicalJsonFromJsonbText(content, length, this.cell);
      if (bytes >= 0) {
        this.reserve(2 * bytes + 2 * remaining + 64);
        this.writeCell(bytes);
        return;
      }
    }
    let text = content.toString('utf8', 0, length);
    if (this.isJson[field] === 1) {
      // What the JSON column holds, as the generic path prints it: SQL NULL and JSON null are both an empty cell.
      const value: unknown = text === '' ? null : JSON.parse(text);
      text = value === null ? '' : canonicalJson(value);
    }
    if (text === '') return;
    text = neutraliseFormula(text);
    this.reserve(6 * text.length + 2 * remaining + 64);
    if (!NEEDS_QUOTES.test(text)) {
      this.written += this.output.write(text, this.written);
      return;
    }
    if (this.cell.length < 3 * text.length) this.cell = Buffer.allocUnsafe(6 * text.length);
    this.writeQuoted(this.cell.write(text, 0));
  }

  /** Writes the first `bytes` bytes of `cell` as a field, quoted if they hold a quote, comma or line break. */
  private writeCell(bytes: number): void {
    const { cell } = this;
    for (let at = 0; at < bytes; at += 1) {
      const byte = cell[at];
      if (byte === QUOTE || byte === COMMA || byte === CR || byte === LF) {
        this.writeQuoted(bytes);
        return;
      }
    }
    this.written += cell.copy(this.output, this.written, 0, bytes);
  }

  /** Writes the first `bytes` bytes of `cell` quoted, each quote doubled (on the UTF-8 bytes: cheaper than in the string). */
  private writeQuoted(bytes: number): void {
    const { cell, output } = this;
    let written = this.written;
    output[written++] = QUOTE;
    for (let at = 0; at < bytes; at += 1) {
      const byte = cell[at]!;
      if (byte === QUOTE) output[written++] = QUOTE;
      output[written++] = byte;
    }
    output[written++] = QUOTE;
    this.written = written;
  }

  /** Makes room for `bytes` more output without losing what is written. */
  private reserve(bytes: number): void {
    if (this.written + bytes <= this.output.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.written + bytes, this.output.length * 2));
    this.output.copy(grown, 0, 0, this.written);
    this.output = grown;
  }

  private pushOutput(): void {
    if (this.written === 0) return;
    this.push(this.output.subarray(0, this.written));
    this.output = Buffer.allocUnsafe(OUTPUT_CAPACITY);
    this.written = 0;
  }
}

/**
 * Writes one CSV file from a `COPY ... TO STDOUT (FORMAT csv)` stream, deflated for the bundle as it goes: the byte
 * order mark and header as `writeCsv` writes them, then the converted records, hashed (SHA-256 for the manifest,
 * CRC-32 for the zip) on the way. Only the compressed bytes reach the disk (`deflatedFile`): the bundle takes them
 * as they are, so the file is neither written out nor read back and compressed after COPY ends, and compressing
 * runs while PostgreSQL is still sending rows. Reading waits whenever compression or the disk is behind.
 */
export async function writeCopiedCsv(options: {
  copy: Readable;
  deflatedFile: string;
  columns: readonly ReportColumn[];
  jsonColumns: ReadonlySet<number>;
  progress: ProgressTracker;
}): Promise<{ rows: number; sha256: string; bytes: number; crc32: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  let crc = 0;
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      crc = crc32(chunk, crc);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const converter = new CopyCsvToReportCsv(options.jsonColumns, () => void options.progress.addRow());
  const header = stringify([options.columns.map((column) => column.header)], CSV_OPTIONS);
  hashing.write(header);
  await pipeline(
    options.copy,
    converter,
    hashing,
    createDeflateRaw({ level: DEFLATE_LEVEL, windowBits: DEFLATE_WINDOW_BITS }),
    createWriteStream(options.deflatedFile),
  );
  return { rows: converter.records, sha256: hash.digest('hex'), bytes, crc32: crc };
}
