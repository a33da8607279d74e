import { afterEach, describe, expect, it } from '@jest/globals';
import { createTranslator, interpolate, placeholdersOf, setLanguage } from './translate';

const messages = {
  'demo.greeting': 'Hello {name}',
  'demo.versions_one': '{count} model version',
  'demo.versions_other': '{count} model versions',
  'demo.plain': 'Model inventory',
} as const;

describe('message catalog', () => {
  afterEach(() => setLanguage('en'));

  it('fills placeholders and formats numbers for the locale', () => {
    const t = createTranslator(messages);
    expect(t('demo.greeting', { name: 'Ada' })).toBe('Hello Ada');
    expect(t('demo.versions', { count: 1 })).toBe('1 model version');
    expect(t('demo.versions', { count: 12500 })).toBe('12,500 model versions');
    expect(t('demo.versions', { count: 0 })).toBe('0 model versions');
    expect(interpolate('{missing} stays', {})).toBe('{missing} stays');
  });

  it('uses a translation where it has the key and English where it does not', () => {
    const t = createTranslator(messages);
    setLanguage('de', { 'demo.plain': 'Modellinventar', 'demo.versions_one': '{count} Modellversion' });
    expect(t('demo.plain')).toBe('Modellinventar');
    expect(t('demo.versions', { count: 1 })).toBe('1 Modellversion');
    expect(t('demo.versions', { count: 1500 })).toBe('1.500 model versions');
    expect(t('demo.greeting', { name: 'Ada' })).toBe('Hello Ada');
  });

  it('follows the language’s plural rules', () => {
    const t = createTranslator({
      'demo.files_one': 'one',
      'demo.files_few': 'few',
      'demo.files_many': 'many',
      'demo.files_other': 'other',
    });
    setLanguage('pl');
    expect([1, 3, 5, 1.5].map((count) => t('demo.files', { count }))).toEqual(['one', 'few', 'many', 'other']);
  });

  it('lists the placeholders a message uses', () => {
    expect(placeholdersOf('{b} and {a} and {b}')).toEqual(['a', 'b']);
    expect(placeholdersOf('none')).toEqual([]);
  });
});
