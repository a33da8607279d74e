export * from './defaults.js';
export * from './facts.js';
export * from './language.js';
export * from './decision.js';
export * from './question.js';
export * from './inputs.js';
export * from './exceptions.js';
