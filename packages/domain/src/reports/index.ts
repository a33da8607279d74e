export * from './bundle.js';
export * from './definitions.js';
