import { describe, expect, it } from '@jest/globals';
import { catalogs, englishCatalog } from './catalog';
import { PLURAL_CATEGORIES, placeholdersOf } from './translate';

const PLURAL_KEY = new RegExp(`^(.*)_(${PLURAL_CATEGORIES.join('|')})$`);

describe('the English message catalog', () => {
  it('keeps each feature’s keys under its own prefix, with no key in two catalogs', () => {
    const owners = new Map<string, string[]>();
    for (const [prefix, messages] of Object.entries(catalogs)) {
      for (const key of Object.keys(messages)) {
        expect({ key, prefixed: key.startsWith(`${prefix}.`) }).toEqual({ key, prefixed: true });
        owners.set(key, [...(owners.get(key) ?? []), prefix]);
      }
    }
    expect([...owners].filter(([, prefixes]) => prefixes.length > 1)).toEqual([]);
    expect(Object.keys(englishCatalog())).toHaveLength(owners.size);
  });

  it('has text for every key, without stray spaces', () => {
    const problems = Object.entries(englishCatalog()).filter(([, text]) => text.trim() === '' || text !== text.trim());
    expect(problems).toEqual([]);
  });

  it('gives every counted message an "other" form, and its forms the same placeholders', () => {
    const forms = new Map<string, Map<string, string>>();
    for (const [key, text] of Object.entries(englishCatalog())) {
      const match = PLURAL_KEY.exec(key);
      if (!match) continue;
      const base = match[1]!;
      forms.set(base, (forms.get(base) ?? new Map<string, string>()).set(match[2]!, text));
    }
    const problems: string[] = [];
    for (const [base, texts] of forms) {
      if (!texts.has('other')) problems.push(`${base}: no _other form`);
      const expected = placeholdersOf(texts.get('other') ?? '').filter((name) => name !== 'count');
      for (const [category, text] of texts) {
        // "one" may spell the number out ("one model version"), so {count} is optional; the rest must match.
        const found = placeholdersOf(text).filter((name) => name !== 'count');
        if (found.join() !== expected.join())
          problems.push(`${base}_${category}: placeholders ${found.join()} vs ${expected.join()}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
