import { createJestConfig } from '@modelgate/jest-config';

export default createJestConfig({
  testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
  testTimeout: 600_000,
  // Each file starts its own servers and mostly waits on them (start-up, browsers, schedule ticks, kills): two files
  // at a time keep both cores busy; jest's default on a 2-core machine would be one.
  maxWorkers: 2,
});
