export * from './bundle.js';
export * from './csv-cells.js';
export * from './definitions.js';
export * from './periods.js';
