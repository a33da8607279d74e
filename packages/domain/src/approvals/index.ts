export * from './conditions.js';
export * from './duties.js';
export * from './requirements.js';
export * from './risk.js';
export * from './scope.js';
export * from './state-machine.js';
export * from './evidence.js';
export * from './inputs.js';
