export * from './canonical-json.js';
export * from './diff.js';
export * from './hash-chain.js';
export * from './audit-query.js';
