export * from './defaults.js';
export * from './facts.js';
export * from './language.js';
export * from './decision.js';
