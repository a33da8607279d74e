export * from './factories.js';
export * from './test-database.js';
export * from './postgres-programs.js';
