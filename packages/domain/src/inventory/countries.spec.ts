import { describe, expect, it } from '@jest/globals';
import {
  COUNTRY_CODES,
  countriesInGroup,
  countryCodeSchema,
  countryGroupSchema,
  countryName,
  EEA_MEMBER_STATES,
  EU_MEMBER_STATES,
  isCountryCode,
  isInGroup,
} from './countries.js';

describe('country codes', () => {
  it('lists the 249 officially assigned ISO 3166-1 alpha-2 codes, sorted and unique', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    expect([...COUNTRY_CODES]).toEqual([...COUNTRY_CODES].sort());
    for (const code of ['CN', 'US', 'AE', 'FR', 'GB', 'TW', 'HK', 'SS', 'BQ']) expect(isCountryCode(code)).toBe(true);
  });

  it('has a name for every code in the runtime region data', () => {
    for (const code of COUNTRY_CODES) expect(countryName(code)).not.toBe(code);
    expect(countryName('AE')).toBe('United Arab Emirates');
  });

  it('upper-cases and trims input', () => {
    expect(countryCodeSchema.parse(' cn ')).toBe('CN');
  });

  it.each(['UK', 'EU', 'XK', 'ZZ', 'USA', 'C', ''])('refuses %j with a readable reason', (input) => {
    const result = countryCodeSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^must be an ISO 3166-1 alpha-2 country code such as CN/);
  });

  it('refuses values that are not strings', () => {
    expect(countryCodeSchema.safeParse(86).error?.issues[0]?.message).toBe(
      'must be an ISO 3166-1 alpha-2 country code such as CN',
    );
  });
});

describe('country groups', () => {
  it('knows the EU and the EEA', () => {
    expect(EU_MEMBER_STATES.countries).toHaveLength(27);
    expect(EEA_MEMBER_STATES.countries).toHaveLength(30);
    expect(isInGroup('FR', EU_MEMBER_STATES)).toBe(true);
    expect(isInGroup('NO', EU_MEMBER_STATES)).toBe(false);
    expect(isInGroup('NO', EEA_MEMBER_STATES)).toBe(true);
    expect(isInGroup('GB', EEA_MEMBER_STATES)).toBe(false);
  });

  it('picks the members of a group from a set of countries', () => {
    const concern = { key: 'concern', name: 'Countries of concern', countries: ['CN', 'RU'] } as const;
    expect(countriesInGroup(['US', 'CN', 'CN', 'FR'], concern)).toEqual(['CN']);
    expect(countriesInGroup(['US'], concern)).toEqual([]);
  });

  it('validates a configured group', () => {
    expect(countryGroupSchema.parse({ key: 'Concern', name: 'Of concern', countries: ['cn', 'ru'] })).toEqual({
      key: 'concern',
      name: 'Of concern',
      countries: ['CN', 'RU'],
    });
    const result = countryGroupSchema.safeParse({ key: 'x', name: 'X', countries: ['CN', 'cn', 'QQ'] });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['countries.2', 'countries']);
    expect(countryGroupSchema.safeParse({ key: 'x', name: 'X', countries: ['CN', 'cn'] }).error?.issues[0]?.message).toBe(
      'must not repeat a country',
    );
  });
});
