export * from './countries.js';
export * from './enums.js';
export * from './licenses.js';
export * from './lineage.js';
export * from './schemas.js';
export * from './derived.js';
export * from './queries.js';
export * from './weights.js';
