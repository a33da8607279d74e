export * from './errors.js';
export * from './settings.js';
export * from './system.js';
export * from './validation.js';
