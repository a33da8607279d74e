export * from './bundle.js';
export * from './definitions.js';
export * from './periods.js';
