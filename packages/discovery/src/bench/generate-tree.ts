import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export type GeneratedTree = {
  root: string;
  files: number;
  /** Files outside node_modules and .git (what the scanner should read). */
  scannableFiles: number;
  bytes: number;
  /** Model references planted in scannable files: what a correct scan reports. */
  plantedReferences: number;
};

/** A small deterministic generator (xorshift32), so every run builds the same tree. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

const WORDS = 'request response handler service config model user account value result cache queue token data item record'.split(
  ' ',
);

/** Ordinary code: identifiers such as `model`, `pipeline` and `ollama`-free text, so keywords hit and rules run. */
function filler(next: () => number, lines: number, comment: string): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const a = WORDS[Math.floor(next() * WORDS.length)]!;
    const b = WORDS[Math.floor(next() * WORDS.length)]!;
    switch (i % 5) {
      case 0:
        out.push(`${comment} ${a} ${b}: keep the ${a} in sync with the ${b} (see docs/${a}.md)`);
        break;
      case 1:
        out.push(`const ${a}_${b}_${i} = compute("${a}/${b}", ${Math.floor(next() * 1000)});`);
        break;
      case 2:
        out.push(`  ${a}: ${b}-${Math.floor(next() * 100)}`);
        break;
      case 3:
        out.push(`if (${a}.model === undefined) { throw new Error("missing ${b}"); }`);
        break;
      default:
        out.push(`  return ${a}.map((x) => x.${b});`);
    }
  }
  return `${out.join('\n')}\n`;
}

const PLANTS: ((n: number) => string)[] = [
  (n) => `model = AutoModelForCausalLM.from_pretrained("bench-org/model-${n}")`,
  (n) => `model: bench-org/config-model-${n}`,
  () => `client.chat.completions.create(model="gpt-4o-mini", messages=m)`,
  (n) => `ollama pull bench${n % 7}:7b`,
];

const KINDS = [
  { ext: '.py', comment: '#' },
  { ext: '.ts', comment: '//' },
  { ext: '.js', comment: '//' },
  { ext: '.yaml', comment: '#' },
  { ext: '.md', comment: '' },
  { ext: '.json', comment: '' },
  { ext: '.sh', comment: '#' },
] as const;

/**
 * Writes a tree of `files` files (default 50,000): 90% source, config and docs in folders 3 levels deep,
 * 8% in node_modules and 2% in .git (both ignored), about 2 KiB each; every 50th scannable file carries
 * one model reference.
 */
export async function generateTree(root: string, files = 50_000, seed = 42): Promise<GeneratedTree> {
  const next = random(seed);
  let bytes = 0;
  let planted = 0;
  let scannable = 0;
  const ignoredNodeModules = Math.floor(files * 0.08);
  const ignoredGit = Math.floor(files * 0.02);
  const made = new Set<string>();
  const write = async (file: string, content: string) => {
    const dir = path.dirname(file);
    if (!made.has(dir)) {
      await mkdir(dir, { recursive: true });
      made.add(dir);
    }
    await writeFile(file, content);
    bytes += Buffer.byteLength(content);
  };
  for (let i = 0; i < files; i++) {
    const kind = KINDS[i % KINDS.length]!;
    const lines = 30 + Math.floor(next() * 40);
    let content = filler(next, lines, kind.comment || '#');
    if (i < ignoredNodeModules) {
      await write(path.join(root, 'node_modules', `pkg-${i % 400}`, 'lib', `f${i}.js`), `${content}const m = "gpt-4o";\n`);
      continue;
    }
    if (i < ignoredNodeModules + ignoredGit) {
      await write(path.join(root, '.git', 'objects', `${i % 256}`, `o${i}.txt`), content);
      continue;
    }
    scannable++;
    if (scannable % 50 === 0) {
      content += `${PLANTS[planted % PLANTS.length]!(planted)}\n`;
      planted++;
    }
    const dir = path.join(root, `service-${i % 20}`, `module-${i % 100}`, `part-${i % 25}`);
    await write(path.join(dir, `file-${i}${kind.ext}`), content);
  }
  return { root, files, scannableFiles: scannable, bytes, plantedReferences: planted };
}
