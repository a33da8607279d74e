import pluginQuery from '@tanstack/eslint-plugin-query';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { baseConfig } from './base.js';

/** Base rules plus React hooks and TanStack Query rules for the admin app. */
export function reactConfig({ tsconfigRootDir, ignores = [] }) {
  return [
    ...baseConfig({ tsconfigRootDir, ignores }),
    ...pluginQuery.configs['flat/recommended'],
    reactHooks.configs.flat.recommended,
    { languageOptions: { globals: { ...globals.browser } } },
  ];
}
