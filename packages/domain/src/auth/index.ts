export * from './abilities.js';
export * from './api-tokens.js';
export * from './password.js';
export * from './principal.js';
export * from './roles.js';
export * from './people.js';
