import { reactConfig } from '@modelgate/eslint-config/react';

export default reactConfig({ tsconfigRootDir: import.meta.dirname, ignores: ['src/gql/**'] });
