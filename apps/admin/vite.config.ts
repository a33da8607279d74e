import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, normalizePath, type Plugin } from 'vite';

const generatedDir = normalizePath(fileURLToPath(new URL('./src/gql/', import.meta.url)));
const sourceDir = normalizePath(fileURLToPath(new URL('./src/', import.meta.url)));

/**
 * Replaces each `graphql(`…`)` call with a reference to its document in the generated `src/gql/graphql.ts`, as
 * the GraphQL Code Generator's babel and SWC plugins do for the client preset
 * (https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size). The preset's
 * `graphql()` looks each document up in a map of every operation's text, which ships all of it twice in the first
 * route; referenced directly, a document the bundle never uses is dropped. Type checking and the dev server
 * still see the generated code unchanged.
 */
function graphqlDocuments(): Plugin {
  const generatedTypes = `${generatedDir}graphql.ts`;
  /** The export of `src/gql/graphql.ts` for each `graphql()` source text, read from the map in `src/gql/gql.ts`. */
  const exportBySource = new Map<string, string>();

  return {
    name: 'modelgate:graphql-documents',
    apply: 'build',
    buildStart() {
      exportBySource.clear();
      const generated = readFileSync(`${generatedDir}gql.ts`, 'utf8');
      const map = generated.slice(generated.indexOf('const documents: Documents = {'));
      for (const [, source, name] of map.slice(0, map.indexOf('\n};')).matchAll(/^\s*("(?:[^"\\]|\\.)*"): types\.(\w+),?$/gm)) {
        exportBySource.set(JSON.parse(source!) as string, name!);
      }
      if (exportBySource.size === 0) this.error('src/gql/gql.ts lists no documents: run `npm run codegen`');
    },
    transform(code, id) {
      // The documents are constants; marked pure, those that nothing references are not kept for their `new`.
      if (id === generatedTypes) {
        return { code: code.replaceAll(' = new TypedDocumentString(', ' = /* @__PURE__ */ new TypedDocumentString('), map: null };
      }
      if (!id.startsWith(sourceDir) || id.startsWith(generatedDir) || !code.includes('graphql(`')) return null;
      // Each call becomes a reference followed by the call's line breaks, so every line keeps its number.
      const rewritten = code.replace(/\bgraphql\(\s*`((?:[^`\\$]|\$(?!\{))*)`\s*\)/g, (call, source: string) => {
        const name = exportBySource.get(source);
        if (!name) this.error(`${id.slice(sourceDir.length)}: a graphql() document is not in src/gql; run \`npm run codegen\``);
        return `__generatedDocuments.${name}` + '\n'.repeat(call.split('\n').length - 1);
      });
      return { code: `import * as __generatedDocuments from ${JSON.stringify(generatedTypes)}; ${rewritten}`, map: null };
    },
  };
}

// What each chunk holds, so the first route (the sign-in page, or the signed-in shell and Overview) loads only
// what it renders and the libraries keep their file names across app changes. `scripts/check-bundle-budget.mjs`
// fails the build when the first route grows past its budget.
const chunkGroups = [
  // React changes least often: a chunk of its own stays cached the longest.
  { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 4 },
  // The libraries of the first route (Mantine, TanStack Router and Query, zod). `$initial` keeps the parts that
  // only lazily loaded pages use (Mantine's Tabs, NumberInput, ...) out of it, with the pages that need them.
  { name: 'vendor', test: /[\\/]node_modules[\\/]/, tags: ['$initial' as const], priority: 3 },
  // The charts library and its dependencies: only the Overview's dashboard loads them, after the first render.
  { name: 'charts', test: /[\\/]node_modules[\\/](recharts|@mantine[\\/]charts)[\\/]/, priority: 2 },
  // App code that the first route and the lazily loaded pages share: the GraphQL client, session, navigation.
  { name: 'shared', tags: ['$initial' as const], minShareCount: 2, priority: 1 },
];

export default defineConfig({
  plugins: [react(), graphqlDocuments()],
  build: {
    outDir: 'dist',
    sourcemap: true,
    rolldownOptions: {
      treeshake: {
        // @modelgate/domain is enums, zod schemas and pure functions with no import-time effect, so a page that
        // reads one enum need not bring every schema (and the SPDX license list). This belongs in the package's
        // package.json as `"sideEffects": false`; it is declared here until it is.
        moduleSideEffects: [{ test: /[\\/]packages[\\/]domain[\\/]dist[\\/]/, sideEffects: false }],
      },
      output: { codeSplitting: { groups: chunkGroups } },
    },
  },
  server: {
    port: 5173,
    // `npm run dev -w @modelgate/admin` talks to an API started with `npm start`.
    proxy: { '/graphql': 'http://localhost:4000', '/healthz': 'http://localhost:4000', '/readyz': 'http://localhost:4000' },
  },
});
