/**
 * A report as the writers see it: a title, the scope it was made for, and sections of typed rows.
 * Sections stream their rows (an export may hold a million audit events), so a writer must consume
 * `rows()` once, in order, without collecting it.
 */
export type CellValue = string | number | boolean | Date | null;

export type ColumnType = 'text' | 'number' | 'boolean' | 'date' | 'datetime';

export type ReportColumn = {
  key: string;
  header: string;
  /** `text` when absent. Dates are `Date` values; `date` shows the day only (UTC). */
  type?: ColumnType;
  /** A width hint in characters for formats that lay out columns (XLSX, PDF). */
  width?: number;
};

export type ReportSection = {
  /** A file-safe name: `[a-z0-9-]+`; CSV files are named after it. */
  key: string;
  title: string;
  /** One sentence on what the section lists, shown above its table where a format has room. */
  description?: string;
  columns: readonly ReportColumn[];
  /** How many rows `rows()` will yield, counted in the same snapshot before writing. */
  rowCount: number;
  rows: () => AsyncIterable<readonly CellValue[]>;
};

export type ReportDocument = {
  reportType: string;
  title: string;
  generatedAt: Date;
  /** The filters and scope in words, in order, e.g. `{ label: 'Period', value: '2026-07-01 to 2026-09-30' }`. */
  scope: ReadonlyArray<{ label: string; value: string }>;
  /** The audit chain head the data was read alongside (null on an empty trail). */
  chainHead: { seq: string | null; hash: string | null };
  generator: { name: 'modelgate'; version: string };
  sections: readonly ReportSection[];
};

export type WrittenFile = {
  /** Plain file name inside the output directory (and later the bundle). */
  name: string;
  contentType: string;
  /** Data rows in the file (header excluded); null for files that are not one table. */
  rows: number | null;
  /** The file's SHA-256 (hex) and size, when the writer hashed it as it wrote it (else it is read again to hash). */
  written?: { sha256: string; bytes: number; deflated?: DeflatedFile };
};

/**
 * A file that its writer deflated as it wrote it (raw deflate, as a zip entry holds it): `file` in the output
 * directory holds the compressed bytes, and the file itself is never written out, so the bundle takes them as
 * they are rather than reading and compressing the file again.
 */
export type DeflatedFile = { file: string; crc32: number };

/** Called after each written data row with the running total across sections (for job progress). */
export type RowProgress = (rowsWritten: number) => void;

/** Writes the document into `directory` (which exists and is empty) and lists the files it made. */
export type ReportWriter = (document: ReportDocument, directory: string, onProgress?: RowProgress) => Promise<WrittenFile[]>;
