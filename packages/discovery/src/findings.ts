/** What a finding refers to. */
export const FINDING_KINDS = ['HUGGING_FACE', 'VENDOR_API', 'OLLAMA', 'GGUF', 'VLLM_TGI', 'WEIGHTS_FILE'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** One reference to an AI model, where it was found. */
export type Finding = {
  kind: FindingKind;
  /**
   * The normalised reference: `Qwen/Qwen2.5-7B-Instruct` (Hugging Face), `openai:gpt-4o` (vendor API),
   * `ollama:qwen2.5:7b`, `gguf:Qwen2.5-7B-Instruct-Q4_K_M.gguf`, a vLLM/TGI `--model` value as written,
   * `sha256:<hex>` (weight files) or `endpoint:<host>` (informational vendor endpoints).
   */
  reference: string;
  /** Provider hint from the rule (e.g. `openai`, `alibaba`), or null. */
  provider: string | null;
  /** Path relative to the scanned root, with `/` separators. */
  file: string;
  /** 1-based line and column (UTF-16 code units) of the reference. */
  line: number;
  column: number;
  /** The line, trimmed and shortened to at most 200 characters. */
  snippet: string;
  ruleId: string;
  /** True when the line, up to the reference, is a comment (`#`, `//`, `--`, `;`, `*`, `<!--`, `/*`, `REM`). */
  inComment: boolean;
  /** Vendor endpoints and similar signals: reported, never matched against the inventory, never fail a scan. */
  informational: boolean;
  /** SHA-256 of the weights (weight files only; for a Git LFS pointer, the oid it names). */
  sha256: string | null;
  /** Weight files: size in bytes (of the real file; for an LFS pointer, the size it names). */
  bytes: number | null;
};

export type SkippedFile = { file: string; reason: 'TOO_LARGE' | 'BINARY' | 'UNREADABLE'; detail: string };

export type ScanResult = {
  /** Absolute path of the scanned root. */
  root: string;
  findings: Finding[];
  filesScanned: number;
  /** Files looked at for weights (by extension), whether or not they were weights. */
  weightCandidates: number;
  bytesRead: number;
  skipped: SkippedFile[];
  durationMs: number;
};

/** The key a reference is matched under: same kind, same reference, same checksum. */
export function referenceKey(reference: { kind: FindingKind; reference: string; sha256?: string | null }): string {
  return `${reference.kind}|${reference.reference}|${reference.sha256 ?? ''}`;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.file < b.file
    ? -1
    : a.file > b.file
      ? 1
      : a.line - b.line || a.column - b.column || a.reference.localeCompare(b.reference);
}
