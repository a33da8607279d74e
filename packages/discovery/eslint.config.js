import { baseConfig } from '@modelgate/eslint-config/base';

// fixtures/ is a sample source tree to scan, not code of this package.
export default baseConfig({ tsconfigRootDir: import.meta.dirname, ignores: ['fixtures/**'] });
