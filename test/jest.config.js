import { createJestConfig } from '@modelgate/jest-config';

export default createJestConfig({
  testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
  testTimeout: 600_000,
});
