// Fails the build when the first route's JavaScript grows past its budget.
//
// The first route is what a browser loads before it can render anything: the entry script of dist/index.html,
// the modules it preloads and everything those import statically. The sign-in page and the signed-in shell with
// the Overview are both in it; other pages and the Overview's charts load lazily and are listed for information.
// Sizes are gzip -9 of each file, in kB of 1000 bytes as Vite prints them.
//
// Usage: node scripts/check-bundle-budget.mjs [dist directory]   (run by `npm run build` after `vite build`)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** gzip kB of JavaScript the first route may load. 224 kB at the time of writing; raise it only with a reason. */
const FIRST_ROUTE_JS_BUDGET_KB = 240;

const dist = path.resolve(process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url)));
const kB = (bytes) => bytes / 1000;

function measure(file) {
  const code = readFileSync(path.join(dist, file));
  return { file, size: code.length, gzip: gzipSync(code, { level: 9 }).length, code: code.toString('utf8') };
}

// <script type="module" src>, <link rel="modulepreload" href> and <link rel="stylesheet" href> of index.html.
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const tags = [...html.matchAll(/<(?:script|link)\b[^>]*>/g)].map(([tag]) => ({
  tag,
  url: /\b(?:src|href)="\/?([^"]+)"/.exec(tag)?.[1],
}));
const entries = tags.filter(({ tag }) => tag.startsWith('<script') && /type="module"/.test(tag)).map(({ url }) => url);
const preloads = tags.filter(({ tag }) => /rel="modulepreload"/.test(tag)).map(({ url }) => url);
const stylesheets = tags.filter(({ tag }) => /rel="stylesheet"/.test(tag)).map(({ url }) => url);
if (entries.length === 0 || entries.includes(undefined)) {
  console.error(`check-bundle-budget: no entry <script type="module" src> in ${path.join(dist, 'index.html')}`);
  process.exit(1);
}

// Static imports (`import{a as b}from"./vendor-x.js"`, `import"./x.js"`) load with the importer; `import("./x.js")`
// is a lazy chunk and is not followed.
const staticImport = /\bimport\s*(?:[\w$*{}\s,]+?from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;
const firstRoute = new Map();
const queue = [...entries, ...preloads];
while (queue.length > 0) {
  const file = queue.shift();
  if (firstRoute.has(file)) continue;
  const chunk = measure(file);
  firstRoute.set(file, chunk);
  for (const [, specifier] of chunk.code.matchAll(staticImport)) {
    queue.push(path.posix.join(path.posix.dirname(file), specifier));
  }
}

const css = stylesheets.map(measure);
const lazy = readdirSync(path.join(dist, 'assets'))
  .map((name) => `assets/${name}`)
  .filter((file) => file.endsWith('.js') && !firstRoute.has(file))
  .map(measure)
  .sort((a, b) => b.gzip - a.gzip);

const sum = (chunks, key) => chunks.reduce((total, chunk) => total + chunk[key], 0);
const js = [...firstRoute.values()].sort((a, b) => b.gzip - a.gzip);
const jsGzip = kB(sum(js, 'gzip'));
const width = Math.max(...[...js, ...css].map(({ file }) => file.length), 30);
const row = (label, size, gzip, note = '') =>
  `  ${label.padEnd(width)}  ${size.toFixed(1).padStart(8)} kB  ${gzip.toFixed(1).padStart(7)} kB gzip${note}`;

const over = jsGzip > FIRST_ROUTE_JS_BUDGET_KB;
console.log('\nFirst route (dist/index.html: entry, modulepreloads and their static imports)');
for (const chunk of js) console.log(row(chunk.file, kB(chunk.size), kB(chunk.gzip)));
console.log(
  row(
    'JavaScript, total',
    kB(sum(js, 'size')),
    jsGzip,
    `   budget ${FIRST_ROUTE_JS_BUDGET_KB} kB gzip: ${over ? 'OVER' : 'ok'} (${(FIRST_ROUTE_JS_BUDGET_KB - jsGzip).toFixed(1)} kB to spare)`,
  ),
);
for (const sheet of css) console.log(row(sheet.file, kB(sheet.size), kB(sheet.gzip)));
console.log(row('CSS, total (not budgeted)', kB(sum(css, 'size')), kB(sum(css, 'gzip'))));
console.log(
  `Loaded later: ${lazy.length} chunks, ${kB(sum(lazy, 'gzip')).toFixed(1)} kB gzip; largest ` +
    lazy
      .slice(0, 4)
      .map((chunk) => `${chunk.file} ${kB(chunk.gzip).toFixed(1)} kB`)
      .join(', '),
);

if (over) {
  console.error(
    `\nThe first route loads ${jsGzip.toFixed(1)} kB gzip of JavaScript, over its budget of ${FIRST_ROUTE_JS_BUDGET_KB} kB.` +
      '\nLoad what the sign-in page and the Overview do not render lazily (lazyRouteComponent in src/router.tsx, or a' +
      '\ndynamic import()), or raise FIRST_ROUTE_JS_BUDGET_KB in scripts/check-bundle-budget.mjs and say why.',
  );
  process.exit(1);
}
