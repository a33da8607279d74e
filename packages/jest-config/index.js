// Shared jest preset. Jest runs in ESM mode because NestJS 12 ships ESM only; @swc/jest compiles
// TypeScript with legacy decorators and decorator metadata, which Nest and @nestjs/graphql read at runtime.
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true, tsx: true },
    transform: {
      legacyDecorator: true,
      decoratorMetadata: true,
      useDefineForClassFields: false,
      react: { runtime: 'automatic' },
    },
    keepClassNames: true,
    target: 'es2023',
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

/** @param {import('jest').Config} overrides */
export function createJestConfig(overrides = {}) {
  return {
    testEnvironment: 'node',
    extensionsToTreatAsEsm: ['.ts', '.tsx'],
    moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'json'],
    // Source uses NodeNext-style `./file.js` specifiers; jest resolves them to the .ts file.
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', swcOptions] },
    testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/**/*.e2e-spec.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    // A guard against hangs, not a speed check: the whole suite shares two cores with turbo running every
    // workspace at once, and a file-system test that takes 1 s alone can take 10 s then.
    testTimeout: 30_000,
    // Each test file loads its own copy of Nest, Prisma and the app into the worker, and not all of it is freed
    // afterwards: run in one process, the heap grew past 600 MB by the last files and every full garbage collection
    // stalled the export tests for seconds. A worker whose heap is above this after a file is replaced by a new one.
    // (Setting it also makes jest use a worker process even where it would otherwise run in band.)
    workerIdleMemoryLimit: '400MB',
    ...overrides,
  };
}
