import { policySetSchema, type PolicySet } from './language.js';

/**
 * The "countries of concern" of the US rule on bulk sensitive data (Executive Order 14117, 28 CFR
 * part 202): China (with Hong Kong and Macau), Cuba, Iran, North Korea, Russia and Venezuela. It is a
 * starting point, not advice: compliance officers change the group to fit their own obligations.
 */
export const DEFAULT_COUNTRIES_OF_CONCERN = ['CN', 'CU', 'HK', 'IR', 'KP', 'MO', 'RU', 'VE'];

/** The policy set a new installation starts with; docs/policies.md explains each rule. */
export const DEFAULT_POLICY_SET: PolicySet = policySetSchema.parse({
  countryGroups: { 'countries-of-concern': DEFAULT_COUNTRIES_OF_CONCERN },
  rules: [
    {
      id: 'deny-unknown-license',
      name: 'No license or unknown license',
      when: {
        any: [
          { fact: 'license.missing', op: 'is', value: true },
          { fact: 'license.class', op: 'eq', value: 'UNKNOWN' },
        ],
      },
      outcome: 'DENY',
      reason: 'The model has no license, or a license whose terms are not in the catalog: nobody can say what use is allowed.',
    },
    {
      id: 'deny-non-commercial-in-production',
      name: 'Non-commercial or research-only license in production',
      when: {
        all: [
          { fact: 'use.environment', op: 'eq', value: 'PRODUCTION' },
          {
            any: [
              { fact: 'license.class', op: 'eq', value: 'NON_COMMERCIAL' },
              { fact: 'license.researchOnly', op: 'is', value: true },
            ],
          },
        ],
      },
      outcome: 'DENY',
      reason: 'The license forbids commercial use or allows research only; production use is commercial use.',
    },
    {
      id: 'deny-training-or-retaining-api-for-sensitive-data',
      name: 'Hosted service that trains on or keeps inputs, with confidential or restricted data',
      when: {
        all: [
          { fact: 'hosting.mode', op: 'in', value: ['VENDOR_API', 'THIRD_PARTY_HOSTED'] },
          { fact: 'use.dataClassification', op: 'atLeast', value: 'CONFIDENTIAL' },
          {
            any: [
              { fact: 'hosting.trainsOnInputs', op: 'in', value: ['YES', 'UNKNOWN'] },
              {
                all: [
                  { fact: 'hosting.retentionDays', op: 'gt', value: 0 },
                  { fact: 'hosting.zeroDataRetention', op: 'is', value: false },
                ],
              },
            ],
          },
        ],
      },
      outcome: 'DENY',
      reason: 'Confidential and restricted data must not go to a service that trains on inputs (or may) or keeps them.',
    },
    {
      id: 'review-countries-of-concern',
      name: 'Effective origin in a country of concern',
      when: { fact: 'model.effectiveOrigin', op: 'includesAnyOfGroup', value: 'countries-of-concern' },
      outcome: 'REQUIRE_REVIEW',
      reviewCategories: ['security', 'sovereignty'],
      approvers: 2,
      reason:
        'Part of the model was developed in a country of concern: security and sovereignty reviews and two approvers are required.',
    },
    {
      id: 'deny-restricted-data-countries-of-concern',
      name: 'Restricted data with a model from a country of concern, unless on-premises with verified weights',
      when: {
        all: [
          { fact: 'model.effectiveOrigin', op: 'includesAnyOfGroup', value: 'countries-of-concern' },
          { fact: 'use.dataClassification', op: 'eq', value: 'RESTRICTED' },
          {
            not: {
              all: [
                { fact: 'hosting.mode', op: 'eq', value: 'ON_PREMISES' },
                { fact: 'hosting.weightsVerified', op: 'is', value: true },
              ],
            },
          },
        ],
      },
      outcome: 'DENY',
      reason:
        'Restricted data may meet a model from a country of concern only on-premises, running weights verified against the approved checksum.',
    },
    {
      id: 'deny-eu-ai-act-prohibited',
      name: 'EU AI Act prohibited practice',
      when: { fact: 'use.euAiActCategory', op: 'eq', value: 'PROHIBITED' },
      outcome: 'DENY',
      reason: 'The use is a prohibited AI practice under the EU AI Act (Article 5).',
    },
    {
      id: 'review-eu-ai-act-high-risk',
      name: 'EU AI Act high-risk use',
      when: { fact: 'use.euAiActCategory', op: 'eq', value: 'HIGH_RISK' },
      outcome: 'REQUIRE_REVIEW',
      reviewCategories: ['regulatory'],
      reason: 'High-risk uses under the EU AI Act need a regulatory review of the provider and deployer obligations.',
    },
  ],
});
