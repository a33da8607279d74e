import { CommercialUse, LicenseClass, type LineageRelation } from '@modelgate/domain/inventory';
import { formatNumber } from '../../i18n/format';
import { commercialUseLabels, countryLabel, formatList, lineageRelationLabels, versionTitle } from './labels';
import { t } from './messages';

/**
 * The "why" beside the inventory's statuses, in plain TypeScript: what a license's terms come to, why a version
 * has its license class, and through which base a country enters its effective origin.
 */

/** A version's license obligations combined along its lineage, as the API gives them. */
export type Obligations = {
  commercialUse: CommercialUse;
  userCap: number | null;
  attributionRequired: boolean;
  attributionTexts: readonly string[];
  acceptableUsePolicyUrls: readonly string[];
  shareAlike: boolean;
  researchOnly: boolean;
  incomplete: boolean;
};

/** One catalog license's own terms. */
export type LicenseTerms = {
  commercialUse: CommercialUse;
  userCap: number | null;
  attributionRequired: boolean;
  attributionText: string | null;
  acceptableUsePolicyUrl: string | null;
  shareAlike: boolean;
  researchOnly: boolean;
};

/** Between the items of a terms line: typography, the same in every language. */
const TERMS_SEPARATOR = ' · ';

/** "700M": a user cap as a list reads it. */
const shortCount = (value: number) => formatNumber(value, { notation: 'compact', maximumFractionDigits: 1 });

/**
 * The terms in a few words each, most limiting first, for a list's license column:
 * ["Commercial use under conditions", "Cap: 700M monthly users", "Attribution", "Acceptable use policy"].
 */
export function termsSummary(obligations: Obligations): string[] {
  const items = [
    obligations.researchOnly ? t('inventory.terms.short.researchOnly') : commercialUseLabels[obligations.commercialUse],
  ];
  if (obligations.userCap !== null) items.push(t('inventory.terms.short.userCap', { cap: shortCount(obligations.userCap) }));
  if (obligations.attributionRequired) items.push(t('inventory.terms.short.attribution'));
  if (obligations.shareAlike) items.push(t('inventory.terms.short.shareAlike'));
  if (obligations.acceptableUsePolicyUrls.length > 0) items.push(t('inventory.terms.short.acceptableUse'));
  if (obligations.incomplete) items.push(t('inventory.terms.short.incomplete'));
  return items;
}

/** The same, as one line: "Commercial use allowed · Attribution". */
export function termsLine(obligations: Obligations): string {
  return termsSummary(obligations).join(TERMS_SEPARATOR);
}

/**
 * Why a version has its license class, from the obligations the class was computed from (the rule of
 * `classifyLicense`: unknown terms, then no commercial use, then conditions or a user cap, then share-alike).
 */
export function licenseClassReason(licenseClass: LicenseClass, obligations: Obligations): string {
  switch (licenseClass) {
    case LicenseClass.Unknown:
      return t('inventory.licenseClass.why.UNKNOWN');
    case LicenseClass.NonCommercial:
      return obligations.researchOnly
        ? t('inventory.licenseClass.why.NON_COMMERCIAL.research')
        : t('inventory.licenseClass.why.NON_COMMERCIAL');
    case LicenseClass.RestrictedCommercial:
      return obligations.userCap !== null
        ? t('inventory.licenseClass.why.RESTRICTED_COMMERCIAL.cap', { cap: formatNumber(obligations.userCap) })
        : t('inventory.licenseClass.why.RESTRICTED_COMMERCIAL');
    case LicenseClass.Copyleft:
      return t('inventory.licenseClass.why.COPYLEFT');
    case LicenseClass.Permissive:
      return t('inventory.licenseClass.why.PERMISSIVE');
  }
}

/** The terms of one license, in sentences a non-lawyer can act on. */
export function describeTerms(terms: LicenseTerms): string[] {
  const sentences = [t('inventory.terms.sentence', { text: commercialUseLabels[terms.commercialUse] })];
  if (terms.userCap !== null) sentences.push(t('inventory.terms.userCap', { cap: formatNumber(terms.userCap) }));
  if (terms.attributionRequired) {
    sentences.push(
      terms.attributionText
        ? t('inventory.terms.attributionText', { text: terms.attributionText })
        : t('inventory.terms.attribution'),
    );
  }
  if (terms.acceptableUsePolicyUrl) sentences.push(t('inventory.terms.acceptableUse', { url: terms.acceptableUsePolicyUrl }));
  if (terms.shareAlike) sentences.push(t('inventory.terms.shareAlike'));
  if (terms.researchOnly) sentences.push(t('inventory.terms.researchOnly'));
  return sentences;
}

/** Every combined obligation as a sentence, saying also what does not apply. */
export function describeObligations(obligations: Obligations): string[] {
  return [
    t('inventory.terms.sentence', { text: commercialUseLabels[obligations.commercialUse] }),
    obligations.userCap !== null
      ? t('inventory.terms.userCap', { cap: formatNumber(obligations.userCap) })
      : t('inventory.obligations.noUserCap'),
    obligations.attributionRequired
      ? obligations.attributionTexts.length
        ? t('inventory.obligations.attributionTexts', {
            texts: formatList(obligations.attributionTexts.map((text) => t('inventory.quoted', { text }))),
          })
        : t('inventory.terms.attribution')
      : t('inventory.obligations.noAttribution'),
    ...obligations.acceptableUsePolicyUrls.map((url) => t('inventory.obligations.acceptableUse', { url })),
    obligations.shareAlike ? t('inventory.obligations.shareAlike') : t('inventory.obligations.noShareAlike'),
    obligations.researchOnly ? t('inventory.terms.researchOnly') : t('inventory.obligations.notResearchOnly'),
  ];
}

type BaseLink = {
  relation: LineageRelation;
  modelVersion: { familyName: string; versionName: string; developerCountry: string; effectiveOrigin: readonly string[] };
};

/** A country of the effective origin other than the developer's, and the direct bases it comes through. */
export type ForeignOrigin = { country: string; through: { title: string; relation: LineageRelation }[] };

/**
 * The countries a version's effective origin adds to its developer country, each with the direct bases whose
 * own lineage holds it (an empty `through` when no loaded base explains it).
 */
export function foreignOrigins(version: {
  developerCountry: string;
  effectiveOrigin: readonly string[];
  bases: readonly BaseLink[];
}): ForeignOrigin[] {
  return version.effectiveOrigin
    .filter((country) => country !== version.developerCountry)
    .map((country) => ({
      country,
      through: version.bases
        .filter((base) => base.modelVersion.effectiveOrigin.includes(country) || base.modelVersion.developerCountry === country)
        .map((base) => ({ title: versionTitle(base.modelVersion), relation: base.relation })),
    }));
}

/** "United States (US) through its base Llama-3.1-8B (fine-tune)", or "… from further back in its lineage". */
export function describeForeignOrigin(origin: ForeignOrigin): string {
  const country = countryLabel(origin.country);
  if (origin.through.length === 0) return t('inventory.origin.fromLineage', { country });
  const bases = formatList(
    origin.through.map((base) =>
      t('inventory.origin.base', { base: base.title, relation: lineageRelationLabels[base.relation] }),
    ),
  );
  return t('inventory.origin.through', { country, bases, count: origin.through.length });
}

/** Why the effective origin differs from the developer country, in one sentence per added country. */
export function effectiveOriginReason(version: Parameters<typeof foreignOrigins>[0]): string[] {
  return foreignOrigins(version).map(describeForeignOrigin);
}
