export * from './events.js';
export * from './retry.js';
export * from './schemas.js';
export * from './signature.js';
