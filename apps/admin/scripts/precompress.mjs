// Writes a Brotli (.br) and a gzip (.gz) copy beside each text file of the build, so the API serves them compressed
// without compressing on every request (@fastify/static `preCompressed`). Source maps are left as they are: only
// developer tools load them.
//
// Usage: node scripts/precompress.mjs [dist directory]   (run by `npm run build` after `vite build`)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.svg', '.json', '.txt']);

const dist = path.resolve(process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url)));
const files = readdirSync(dist, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && COMPRESSIBLE.has(path.extname(entry.name)))
  .map((entry) => path.join(entry.parentPath, entry.name));

let before = 0;
let brotli = 0;
let written = 0;
for (const file of files) {
  const content = readFileSync(file);
  const br = brotliCompressSync(content, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
    },
  });
  writeFileSync(`${file}.br`, br);
  writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
  before += content.length;
  brotli += br.length;
  written += 1;
}
console.log(
  `precompress: ${written} files, ${(before / 1000).toFixed(0)} kB → ${(brotli / 1000).toFixed(0)} kB brotli (plus gzip)`,
);
