import { z } from 'zod';
import { COUNTRY_CODES, type CountryCode } from './country-codes.js';

export { COUNTRY_CODES, type CountryCode } from './country-codes.js';

const countryCodeSet: ReadonlySet<string> = new Set(COUNTRY_CODES);

export function isCountryCode(value: string): value is CountryCode {
  return countryCodeSet.has(value);
}

export const countryCodeSchema = z
  .string({ error: 'must be an ISO 3166-1 alpha-2 country code such as CN' })
  .trim()
  .toUpperCase()
  .refine(isCountryCode, {
    error: (issue) => `must be an ISO 3166-1 alpha-2 country code such as CN; "${String(issue.input)}" is not an assigned code`,
  });

/** The country's English short name (from the runtime's CLDR data), falling back to the code. */
export function countryName(code: CountryCode, locale = 'en'): string {
  return new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }).of(code) ?? code;
}

/** A named set of countries that policies can refer to (for example "countries of concern"). */
export type CountryGroup = {
  /** Stable key, lower-case with dashes, e.g. `eu`. */
  key: string;
  name: string;
  countries: readonly CountryCode[];
};

export const EU_MEMBER_STATES: CountryGroup = {
  key: 'eu',
  name: 'European Union member states',
  countries: [
    'AT',
    'BE',
    'BG',
    'CY',
    'CZ',
    'DE',
    'DK',
    'EE',
    'ES',
    'FI',
    'FR',
    'GR',
    'HR',
    'HU',
    'IE',
    'IT',
    'LT',
    'LU',
    'LV',
    'MT',
    'NL',
    'PL',
    'PT',
    'RO',
    'SE',
    'SI',
    'SK',
  ],
};

export const EEA_MEMBER_STATES: CountryGroup = {
  key: 'eea',
  name: 'European Economic Area',
  countries: [...EU_MEMBER_STATES.countries, 'IS', 'LI', 'NO'],
};

/** Built-in groups; which group counts as "of concern" is an instance setting, not a constant here. */
export const COUNTRY_GROUPS: readonly CountryGroup[] = [EU_MEMBER_STATES, EEA_MEMBER_STATES];

export function isInGroup(country: CountryCode, group: CountryGroup): boolean {
  return group.countries.includes(country);
}

/** The countries of `countries` that belong to `group`, in the order given, without repeats. */
export function countriesInGroup(countries: Iterable<CountryCode>, group: CountryGroup): CountryCode[] {
  return [...new Set(countries)].filter((country) => isInGroup(country, group));
}

export const countryGroupSchema = z.object({
  key: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be 1 to 40 lower-case letters, digits or dashes, starting with a letter'),
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  countries: z
    .array(countryCodeSchema)
    .min(1, 'must list at least one country')
    .max(COUNTRY_CODES.length)
    .refine((list) => new Set(list).size === list.length, 'must not repeat a country'),
});
