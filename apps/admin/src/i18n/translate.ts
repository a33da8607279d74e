/**
 * The one way user-facing text reaches the screen. Each feature keeps its English messages in its own catalog
 * (`features/<feature>/messages.ts`, `i18n/common-messages.ts` for shared components), so a lazily loaded page
 * brings its own text; `catalog.ts` lists every catalog for the checks and for translators.
 *
 * A message is plain text with `{name}` placeholders. Counted messages use CLDR plural categories as key suffixes,
 * as i18next does: `t('versions.count', { count })` reads `versions.count_one` or `versions.count_other` (or
 * `_zero`, `_two`, `_few`, `_many` where a language has them). English is complete; a translation may be partial
 * and falls back to English key by key.
 */

export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
type PluralCategory = (typeof PLURAL_CATEGORIES)[number];

/** A key as code uses it: counted messages without their plural suffix. */
export type BaseKey<K extends string> = K extends `${infer Base}_${PluralCategory}` ? Base : K;
export type MessageParams = Readonly<Record<string, string | number>>;
export type Messages = Readonly<Record<string, string>>;

let locale = 'en';
let translations: Messages = {};
let pluralRules = new Intl.PluralRules(locale);
let numberFormat = new Intl.NumberFormat(locale);

/** Switches the language of every catalog; keys the translation lacks stay in English. */
export function setLanguage(nextLocale: string, nextTranslations: Messages = {}): void {
  locale = nextLocale;
  translations = nextTranslations;
  pluralRules = new Intl.PluralRules(locale);
  numberFormat = new Intl.NumberFormat(locale);
}

export function currentLocale(): string {
  return locale;
}

/** The current language's translations (none for English: the catalogs themselves are English). */
export function currentTranslations(): Messages {
  return translations;
}

/** Fills `{name}` placeholders; numbers are formatted for the current locale. */
export function interpolate(message: string, params?: MessageParams): string {
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    if (value === undefined) return placeholder;
    return typeof value === 'number' ? numberFormat.format(value) : value;
  });
}

/** The placeholders a message uses, sorted: translations must use the same ones. */
export function placeholdersOf(message: string): string[] {
  return [...new Set([...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!))].sort();
}

export type Translate<M extends Messages> = (key: BaseKey<keyof M & string>, params?: MessageParams) => string;

/**
 * A feature's translate function over its English catalog. Keys are checked by the type checker; a counted
 * message takes `count` among its params.
 */
export function createTranslator<const M extends Messages>(english: M): Translate<M> {
  const lookup = (key: string): string | undefined => translations[key] ?? english[key];
  return (key, params) => {
    const count = params?.count;
    const message =
      (typeof count === 'number' ? (lookup(`${key}_${pluralRules.select(count)}`) ?? lookup(`${key}_other`)) : undefined) ??
      lookup(key);
    return interpolate(message ?? key, params);
  };
}
