import pluginQuery from '@tanstack/eslint-plugin-query';
import i18next from 'eslint-plugin-i18next';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { baseConfig } from './base.js';

/**
 * Every word a person reads comes from a message catalog: text in JSX and in the attributes people read or hear
 * is flagged when written in place. Catalogs themselves and tests are plain TypeScript, outside the rule's reach.
 */
const messagesFromCatalog = {
  files: ['**/*.tsx'],
  plugins: { i18next },
  rules: {
    'i18next/no-literal-string': [
      'error',
      {
        mode: 'jsx-only',
        'jsx-attributes': {
          include: ['label', 'title', 'placeholder', 'aria-label', 'description', 'alt', 'error', 'message', 'confirmLabel'],
        },
        // Typography that is not a word: separators, arrows and the like.
        words: { exclude: [/^[\s\p{P}\p{S}\d]*$/u] },
      },
    ],
  },
};

/** Base rules plus React hooks, TanStack Query and message catalog rules for the admin app. */
export function reactConfig({ tsconfigRootDir, ignores = [] }) {
  return [
    ...baseConfig({ tsconfigRootDir, ignores }),
    ...pluginQuery.configs['flat/recommended'],
    reactHooks.configs.flat.recommended,
    messagesFromCatalog,
    { languageOptions: { globals: { ...globals.browser } } },
  ];
}
