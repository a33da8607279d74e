export * from './canonical-json.js';
export * from './diff.js';
export * from './hash-chain.js';
