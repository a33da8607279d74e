import { baseConfig } from '@modelgate/eslint-config/base';

export default baseConfig({ tsconfigRootDir: import.meta.dirname });
