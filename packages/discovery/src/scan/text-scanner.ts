import type { Finding } from '../findings.js';
import type { CompiledRules } from '../rules/load-rules.js';

const SNIPPET_MAX = 200;
const PROSE_EXTENSIONS = /\.(?:md|mdx|rst|txt|adoc|org)$/i;
/** A line that starts with a comment marker: `#`, `//`, `/*`, `*`, `-- `, `;`, `<!--`, `REM `. */
const CODE_COMMENT = /^\s*(?:#(?!!)|\/\/|\/\*|\*(?:\s|$)|--(?:\s|$)|;|<!--|REM\s)/i;
const PROSE_COMMENT = /^\s*<!--/;

/** Which keywords occur in the text: one pass of one alternation over the lower-cased text. */
function keywordsIn(text: string, rules: CompiledRules): Set<string> {
  const found = new Set<string>();
  const pattern = rules.keywordPattern;
  if (!pattern) return found;
  const lower = text.toLowerCase();
  pattern.lastIndex = 0;
  for (let match = pattern.exec(lower); match; match = pattern.exec(lower)) {
    const keyword = match[0];
    if (!found.has(keyword)) {
      found.add(keyword);
      for (const prefix of rules.keywordPrefixes.get(keyword) ?? []) found.add(prefix);
    }
    // Step one character, not past the match: "chatgpt-" also contains "gpt-".
    pattern.lastIndex = match.index + 1;
  }
  return found;
}

class Lines {
  private starts: number[] | null = null;

  constructor(private readonly text: string) {}

  /** 0-based line index of a position. */
  lineOf(index: number): number {
    const starts = (this.starts ??= this.computeStarts());
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= index) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  startOf(line: number): number {
    return (this.starts ??= this.computeStarts())[line]!;
  }

  textOf(line: number): string {
    const starts = (this.starts ??= this.computeStarts());
    const end = line + 1 < starts.length ? starts[line + 1]! - 1 : this.text.length;
    const text = this.text.slice(starts[line], end);
    return text.endsWith('\r') ? text.slice(0, -1) : text;
  }

  private computeStarts(): number[] {
    const starts = [0];
    for (let at = this.text.indexOf('\n'); at !== -1; at = this.text.indexOf('\n', at + 1)) starts.push(at + 1);
    return starts;
  }
}

function snippetOf(line: string, column: number): string {
  const trimmed = line.trim();
  if (trimmed.length <= SNIPPET_MAX) return trimmed;
  const lead = line.length - line.trimStart().length;
  const start = Math.max(0, column - 1 - lead - 80);
  const cut = trimmed.slice(start, start + SNIPPET_MAX - 2);
  return `${start > 0 ? '…' : ''}${cut}${start + SNIPPET_MAX - 2 < trimmed.length ? '…' : ''}`;
}

/**
 * Finds model references in one text file. Rules whose keywords do not occur in it never run; findings
 * with the same line and reference are reported once, for the first rule in the rules file.
 */
export function scanText(text: string, file: string, rules: CompiledRules): Finding[] {
  const keywords = keywordsIn(text, rules);
  if (keywords.size === 0) return [];
  const baseName = file.slice(file.lastIndexOf('/') + 1);
  const comment = PROSE_EXTENSIONS.test(baseName) ? PROSE_COMMENT : CODE_COMMENT;
  const lines = new Lines(text);
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const rule of rules.rules) {
    if (rule.files && !rule.files.test(baseName)) continue;
    if (!rule.keywords.some((keyword) => keywords.has(keyword))) continue;
    if (!rule.requires.every((keyword) => keywords.has(keyword))) continue;
    for (const pattern of rule.patterns) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
        if (match[0].length === 0) pattern.lastIndex++;
        const captured = match.groups?.['ref'] ?? match[0];
        const start = match.indices?.groups?.['ref']?.[0] ?? match.index;
        const reference = rule.toReference(captured);
        if (reference === null) continue;
        const line = lines.lineOf(start);
        const key = `${line}\u0000${reference}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const column = start - lines.startOf(line) + 1;
        const lineText = lines.textOf(line);
        findings.push({
          kind: rule.kind,
          reference,
          provider: rule.provider,
          file,
          line: line + 1,
          column,
          snippet: snippetOf(lineText, column),
          ruleId: rule.id,
          inComment: comment.test(lineText.slice(0, column - 1)),
          informational: rule.informational,
          sha256: null,
          bytes: null,
        });
      }
    }
  }
  return findings;
}
