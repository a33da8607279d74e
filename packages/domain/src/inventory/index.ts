export * from './countries.js';
export * from './enums.js';
export * from './licenses.js';
export * from './lineage.js';
export * from './schemas.js';
