import { createJestConfig } from '@modelgate/jest-config';

export default createJestConfig({
  globalSetup: '@modelgate/db/testing/jest-global-setup',
  globalTeardown: '@modelgate/db/testing/jest-global-teardown',
  testTimeout: 60_000,
});
