import { currentTranslations, interpolate, type Messages } from './translate';

type Template = { key: string; pattern: RegExp; literalLength: number };

const PREFIX = 'domain.';
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The templates come from the translation in use, not from the English list (`domain-messages.ts`, for translators
// and the checks): English needs no lookup, so the list stays out of the app's first download.
let templatesOf: { translations: Messages; templates: readonly Template[] } | undefined;

/** The translation's templates with parts, as patterns; the most specific first, so "must be {0}" never shadows a fuller sentence. */
function templates(translations: Messages): readonly Template[] {
  if (templatesOf?.translations !== translations) {
    const list = Object.keys(translations)
      .filter((key) => key.startsWith(PREFIX) && /\{\d+\}/.test(key))
      .map((key) => {
        const parts = key.slice(PREFIX.length).split(/\{\d+\}/);
        return {
          key,
          pattern: new RegExp(`^${parts.map(escapeRegExp).join('(.+?)')}$`, 's'),
          literalLength: parts.join('').length,
        };
      })
      .sort((a, b) => b.literalLength - a.literalLength);
    templatesOf = { translations, templates: list };
  }
  return templatesOf.templates;
}

/**
 * Text the domain package wrote (a validation reason from the browser's check or the server's, a fact, a
 * condition) in the reader's language. It is found by its template (`must be at most {0} characters`); the parts
 * are translated the same way where they are domain text themselves ("a hosting target"), and kept as they came
 * otherwise (numbers, names). Text the translation does not cover is shown as it came, in English.
 */
export function translateDomainText(text: string): string {
  const translations = currentTranslations();
  const exact = translations[`${PREFIX}${text}`];
  if (exact !== undefined) return exact;
  for (const { key, pattern } of templates(translations)) {
    const match = pattern.exec(text);
    if (match) {
      return interpolate(
        translations[key]!,
        Object.fromEntries(match.slice(1).map((part, index) => [String(index), translateDomainText(part)])),
      );
    }
  }
  return text;
}
