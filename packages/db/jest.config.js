import { createJestConfig } from '@modelgate/jest-config';

export default createJestConfig({ testTimeout: 120_000 });
