import { createJestConfig } from '@modelgate/jest-config';

export default createJestConfig({
  globalSetup: '<rootDir>/dist/testing/jest-global-setup.js',
  globalTeardown: '<rootDir>/dist/testing/jest-global-teardown.js',
  testTimeout: 120_000,
});
