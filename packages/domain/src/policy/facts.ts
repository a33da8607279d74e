import { RequestState } from '../approvals/state-machine.js';
import { RISK_TIERS } from '../approvals/risk.js';
import {
  CommercialUse,
  DataClassification,
  Distribution,
  Environment,
  EuAiActCategory,
  HostingMode,
  TrainsOnInputs,
} from '../inventory/enums.js';
import { LicenseClass } from '../inventory/licenses.js';

/**
 * Everything a policy rule can look at: the model version (from the inventory), where and how it is
 * used (a deployment, or the question a pipeline asks), and its approval. Absent facts are null.
 */
export type PolicyFacts = {
  'model.developerCountry': string;
  'model.effectiveOrigin': string[];
  'model.distribution': string;
  'model.weightsChecksumPresent': boolean;
  'license.class': string;
  'license.commercialUse': string;
  'license.userCap': number | null;
  'license.researchOnly': boolean;
  /** No license expression, or one whose licenses the catalog does not know. */
  'license.missing': boolean;
  'use.environment': string;
  'use.dataClassification': string;
  'use.personalData': boolean;
  'use.euAiActCategory': string | null;
  'hosting.mode': string;
  'hosting.operator': string;
  'hosting.operatorCountry': string;
  'hosting.trainsOnInputs': string;
  'hosting.retentionDays': number | null;
  'hosting.zeroDataRetention': boolean;
  /** The weights that run are known to match the approved checksum. */
  'hosting.weightsVerified': boolean;
  'approval.status': string;
  'approval.riskTier': string | null;
};
export type FactName = keyof PolicyFacts;

export type FactKind =
  | { type: 'enum'; values: readonly string[]; ordered?: boolean }
  | { type: 'country' }
  | { type: 'countries' }
  | { type: 'string' }
  | { type: 'number' }
  | { type: 'boolean' };

export type FactDefinition = { kind: FactKind; label: string; nullable?: boolean };

const values = <T extends Record<string, string>>(object: T) => Object.values(object);

/** The fact catalog: names, types and labels. The rule language checks every condition against it. */
export const FACTS: Record<FactName, FactDefinition> = {
  'model.developerCountry': { kind: { type: 'country' }, label: 'developer country' },
  'model.effectiveOrigin': { kind: { type: 'countries' }, label: 'effective origin' },
  'model.distribution': { kind: { type: 'enum', values: values(Distribution) }, label: 'distribution' },
  'model.weightsChecksumPresent': { kind: { type: 'boolean' }, label: 'weights checksum recorded' },
  'license.class': { kind: { type: 'enum', values: values(LicenseClass) }, label: 'license class' },
  'license.commercialUse': { kind: { type: 'enum', values: values(CommercialUse), ordered: true }, label: 'commercial use' },
  'license.userCap': { kind: { type: 'number' }, label: 'license user cap', nullable: true },
  'license.researchOnly': { kind: { type: 'boolean' }, label: 'research-only license' },
  'license.missing': { kind: { type: 'boolean' }, label: 'license missing or unknown' },
  'use.environment': { kind: { type: 'enum', values: values(Environment), ordered: true }, label: 'environment' },
  'use.dataClassification': {
    kind: { type: 'enum', values: values(DataClassification), ordered: true },
    label: 'data classification',
  },
  'use.personalData': { kind: { type: 'boolean' }, label: 'personal data' },
  'use.euAiActCategory': { kind: { type: 'enum', values: values(EuAiActCategory) }, label: 'EU AI Act category', nullable: true },
  'hosting.mode': { kind: { type: 'enum', values: values(HostingMode) }, label: 'hosting mode' },
  'hosting.operator': { kind: { type: 'string' }, label: 'hosting operator' },
  'hosting.operatorCountry': { kind: { type: 'country' }, label: 'operator country' },
  'hosting.trainsOnInputs': { kind: { type: 'enum', values: values(TrainsOnInputs) }, label: 'operator trains on inputs' },
  'hosting.retentionDays': { kind: { type: 'number' }, label: 'operator retention (days)', nullable: true },
  'hosting.zeroDataRetention': { kind: { type: 'boolean' }, label: 'zero-data-retention agreement' },
  'hosting.weightsVerified': { kind: { type: 'boolean' }, label: 'weights checksum verified' },
  'approval.status': {
    kind: { type: 'enum', values: ['NONE', ...values(RequestState)] },
    label: 'approval status',
  },
  'approval.riskTier': { kind: { type: 'enum', values: RISK_TIERS, ordered: true }, label: 'risk tier', nullable: true },
};

export const FACT_NAMES = Object.keys(FACTS) as FactName[];
