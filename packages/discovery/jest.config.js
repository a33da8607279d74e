import { createJestConfig } from '@modelgate/jest-config';

export default createJestConfig();
