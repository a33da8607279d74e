import { afterEach, describe, expect, it } from '@jest/globals';
import { createUserInputSchema } from '@modelgate/domain/auth';
import { createModelVersionInputSchema } from '@modelgate/domain/inventory';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { domainMessages } from './domain-messages';
import { translateDomainText } from './domain-text';
import { setLanguage } from './translate';

/**
 * The text the domain package's source writes for people: every string or template literal (outside imports and
 * comments) that starts with a lower-case letter and has a space, each `${...}` as {0}, {1}, …
 */
function textInDomainSource(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.includes('.testing')) files.push(file);
    }
  };
  walk(root);
  const found = new Set<string>();
  for (const file of files) {
    const source = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '')
      .replace(/^\s*(import|export)\b[^;]*from\s*'[^']*';/gm, '');
    for (const match of source.matchAll(/(['"`])((?:\\.|(?!\1)[^\\\n])*?)\1/g)) {
      let index = 0;
      const text = match[2]!
        .replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, () => `{${index++}}`)
        .replaceAll('\\"', '"')
        .replaceAll("\\'", "'");
      if (/^[a-z][^\n]* /.test(text) && !text.includes('${') && text === text.trim()) found.add(text);
    }
  }
  return [...found].sort();
}

/** A pseudo-translation that marks every text, so a test can tell translated text from text left as it came. */
const marked = Object.fromEntries(Object.entries(domainMessages).map(([key, text]) => [key, `«${text}»`]));

describe('the domain package’s text in the message catalog', () => {
  afterEach(() => setLanguage('en'));

  it('lists exactly the text the domain source writes (new text fails this until it is added)', () => {
    const inSource = textInDomainSource(path.resolve(process.cwd(), '../../packages/domain/src'));
    const inCatalog = Object.keys(domainMessages).map((key) => key.slice('domain.'.length));
    expect({ missing: inSource.filter((text) => !inCatalog.includes(text)) }).toEqual({ missing: [] });
    expect({ stale: inCatalog.filter((text) => !inSource.includes(text)) }).toEqual({ stale: [] });
    expect(Object.entries(domainMessages).filter(([key, text]) => key !== `domain.${text}`)).toEqual([]);
  });

  it('shows text as it comes in English, and translates it keeping its values', () => {
    expect(translateDomainText('must be at most 200 characters')).toBe('must be at most 200 characters');
    expect(translateDomainText('something the server said')).toBe('something the server said');
    setLanguage('de', {
      'domain.must not be empty': 'darf nicht leer sein',
      'domain.must be at most {0} characters': 'darf höchstens {0} Zeichen haben',
      'domain.event {0} is missing before event {1}': 'Ereignis {0} fehlt vor Ereignis {1}',
      'domain.must be {0} id': 'muss die ID {0} sein',
      'domain.a hosting target': 'eines Hosting-Ziels',
    });
    expect(translateDomainText('must not be empty')).toBe('darf nicht leer sein');
    // "at most 200 characters" is also written with its number in the source: either way the template translates it.
    expect(translateDomainText('must be at most 200 characters')).toBe('darf höchstens 200 Zeichen haben');
    expect(translateDomainText('must be at most 64 characters')).toBe('darf höchstens 64 Zeichen haben');
    expect(translateDomainText('event 41 is missing before event 42')).toBe('Ereignis 41 fehlt vor Ereignis 42');
    // A part that is domain text itself is translated too.
    expect(translateDomainText('must be a hosting target id')).toBe('muss die ID eines Hosting-Ziels sein');
    // Text the translation lacks stays English, as every other message does; a translation should carry every
    // template (a looser translated one, "must be {0}", would otherwise give a sentence half in each language).
    expect(translateDomainText('must be a whole number')).toBe('must be a whole number');
    expect(translateDomainText('something the server said')).toBe('something the server said');
  });

  it('finds the template of what the shared schemas really say', () => {
    setLanguage('xx', marked);
    const user = createUserInputSchema.safeParse({
      email: 'not-an-email',
      displayName: '',
      roles: ['ADMIN', 'ADMIN'],
      teamIds: ['x'],
    });
    const version = createModelVersionInputSchema.safeParse({ familyName: 'x'.repeat(500), providerId: 'nope' });
    const reasons = [...(user.error?.issues ?? []), ...(version.error?.issues ?? [])].map((issue) => issue.message);
    expect(reasons.length).toBeGreaterThan(4);
    const untranslated = reasons.filter((reason) => !translateDomainText(reason).startsWith('«'));
    // zod's own words for a missing required field are not the domain's: they stay as zod gives them.
    expect(untranslated.filter((reason) => !reason.startsWith('Invalid input'))).toEqual([]);
  });
});
