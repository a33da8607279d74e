import { isSupportedSpdxId } from '@cyclonedx/cyclonedx-library/SPDX';
import { parseSpdxExpression } from '@modelgate/domain/inventory';

/**
 * A CycloneDX 1.6 ML-BOM of the model versions an application or a team runs. Facts CycloneDX has no
 * field for are `properties` named `modelgate:…`.
 */

/** A deployed model version as the ML-BOM reads it: plain data, gathered by the caller. */
export type MlBomModelVersion = {
  id: string;
  key: string;
  familyName: string;
  versionName: string;
  provider: { name: string; headquartersCountry: string; website: string | null; legalEntity: string | null };
  developerCountry: string;
  effectiveOrigin: string[];
  /** Where it is obtained, e.g. "Hugging Face" or "vendor API". */
  supplier: string;
  distribution: string;
  sourceUrl: string | null;
  huggingFaceRepo: string | null;
  /** Git revision of open weights, or the vendor's API version. */
  revision: string | null;
  weightsSha256: string | null;
  releaseDate: Date | null;
  parameterCount: bigint | null;
  modalities: string[];
  contextLength: number | null;
  task: string | null;
  modelCardUrl: string | null;
  trainingDataUrl: string | null;
  intendedUse: string | null;
  limitations: string | null;
  /** An SPDX expression, or free text when the publisher's license is not one; empty when unknown. */
  declaredLicense: string;
  concludedLicense: string | null;
  licenseClass: string;
  /** `provider` is the base's provider name. */
  bases: Array<{ key: string; provider: string; versionName: string; relation: string }>;
  deployments: Array<{
    application: string;
    team: string;
    environment: string;
    hostingTarget: string;
    hostingMode: string;
    dataClassification: string;
  }>;
  riskTier: string | null;
  approvalState: string | null;
};

export type MlBomSubject = { kind: 'application' | 'team'; name: string };

export type MlBomInput = {
  subject: MlBomSubject;
  modelVersions: MlBomModelVersion[];
  generatedAt: Date;
  /** `urn:uuid:` and a lowercase UUID. */
  serialNumber: string;
  generator: { name: string; version: string };
};

export type CdxProperty = { name: string; value: string };

export type CdxOrganizationalEntity = { name: string; url?: string[]; address?: { country: string } };

export type CdxExternalReference = {
  type: 'website' | 'documentation' | 'distribution' | 'model-card' | 'bom';
  url: string;
  comment?: string;
};

export type CdxLicenseAcknowledgement = 'declared' | 'concluded';

export type CdxLicenseChoice =
  | { license: { id: string; acknowledgement: CdxLicenseAcknowledgement } }
  | { license: { name: string; acknowledgement: CdxLicenseAcknowledgement } }
  | { expression: string; acknowledgement: CdxLicenseAcknowledgement };

export type CdxModelCard = {
  modelParameters?: { task?: string; inputs?: Array<{ format: string }>; outputs?: Array<{ format: string }> };
  considerations?: { useCases?: string[]; technicalLimitations?: string[] };
};

export type CdxComponent = {
  type: 'application' | 'machine-learning-model';
  'bom-ref'?: string;
  supplier?: CdxOrganizationalEntity;
  group?: string;
  name: string;
  version?: string;
  description?: string;
  hashes?: Array<{ alg: 'SHA-256'; content: string }>;
  licenses?: CdxLicenseChoice[];
  purl?: string;
  externalReferences?: CdxExternalReference[];
  pedigree?: { ancestors: CdxComponent[] };
  modelCard?: CdxModelCard;
  properties?: CdxProperty[];
};

export type CycloneDxBom = {
  bomFormat: 'CycloneDX';
  specVersion: '1.6';
  serialNumber: string;
  version: 1;
  metadata: {
    timestamp: string;
    lifecycles: Array<{ phase: 'operations' }>;
    tools: { components: CdxComponent[] };
    component: CdxComponent;
  };
  components: CdxComponent[];
  dependencies: Array<{ ref: string; dependsOn: string[] }>;
};

const BOM_VERSION = 1;
const SERIAL_NUMBER_PATTERN = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

const DISTRIBUTION_PHRASES: Record<string, string> = {
  OPEN_WEIGHTS: 'distributed as open weights',
  API_ONLY: 'available only through the vendor API',
  BOTH: 'distributed as open weights and through the vendor API',
};

function subjectBomRef(subject: MlBomSubject): string {
  return `${subject.kind}:${subject.name}`;
}

/** The bom-ref of a model version's component: stable across BOMs, as the key is. */
export function modelVersionBomRef(key: string): string {
  return `model:${key}`;
}

export function buildMlBom(input: MlBomInput): CycloneDxBom {
  const serialUuid = SERIAL_NUMBER_PATTERN.exec(input.serialNumber)?.[1];
  if (!serialUuid) throw new RangeError(`serialNumber must be "urn:uuid:" and a lowercase UUID, got "${input.serialNumber}"`);
  const modelVersions = [...input.modelVersions].sort((a, b) => compareText(a.key, b.key));
  const duplicateKey = modelVersions.find((version, index) => modelVersions[index + 1]?.key === version.key)?.key;
  if (duplicateKey !== undefined) throw new RangeError(`model version "${duplicateKey}" is listed more than once`);

  // A BOM-Link names a component of this very BOM from places where a bom-ref would have to be unique.
  const bomLink = (bomRef: string): string => `urn:cdx:${serialUuid}/${BOM_VERSION}#${encodeURIComponent(bomRef)}`;
  const deployedKeys = new Set(modelVersions.map((version) => version.key));
  const subjectComponent = toSubjectComponent(input.subject);
  const modelComponents = modelVersions.map((version) => toModelComponent(version, deployedKeys, bomLink));

  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: input.serialNumber,
    version: BOM_VERSION,
    metadata: {
      timestamp: input.generatedAt.toISOString(),
      lifecycles: [{ phase: 'operations' }],
      tools: { components: [{ type: 'application', name: input.generator.name, version: input.generator.version }] },
      component: subjectComponent,
    },
    components: modelComponents,
    dependencies: [
      { ref: subjectBomRef(input.subject), dependsOn: modelVersions.map((version) => modelVersionBomRef(version.key)) },
    ],
  };
}

function toSubjectComponent(subject: MlBomSubject): CdxComponent {
  return {
    type: 'application',
    'bom-ref': subjectBomRef(subject),
    name: subject.name,
    description:
      subject.kind === 'application'
        ? `AI models deployed for the application "${subject.name}"`
        : `AI models deployed by the team "${subject.name}"`,
    properties: [{ name: 'modelgate:subjectKind', value: subject.kind }],
  };
}

function toModelComponent(
  version: MlBomModelVersion,
  deployedKeys: ReadonlySet<string>,
  bomLink: (bomRef: string) => string,
): CdxComponent {
  const { licenses, declaredLicenseNotListed } = licensesOf(version);
  const distributionPhrase = DISTRIBUTION_PHRASES[version.distribution];
  return withoutEmpty({
    type: 'machine-learning-model',
    'bom-ref': modelVersionBomRef(version.key),
    supplier: withoutEmpty({
      name: version.provider.name,
      url: version.provider.website ? [version.provider.website] : undefined,
      address: { country: version.provider.headquartersCountry },
    }),
    group: version.provider.name,
    name: version.versionName,
    version: version.revision ?? undefined,
    description: `A ${version.familyName} model by ${version.provider.name}${distributionPhrase ? `, ${distributionPhrase}` : ''}.`,
    hashes: version.weightsSha256 ? [{ alg: 'SHA-256', content: version.weightsSha256.toLowerCase() }] : undefined,
    licenses,
    purl: huggingFacePurl(version.huggingFaceRepo, version.revision),
    externalReferences: externalReferencesOf(version),
    pedigree:
      version.bases.length > 0
        ? {
            ancestors: [...version.bases]
              .sort((a, b) => compareText(a.key, b.key))
              .map((base) => toAncestor(base, deployedKeys.has(base.key) ? bomLink(modelVersionBomRef(base.key)) : null)),
          }
        : undefined,
    modelCard: modelCardOf(version),
    properties: [
      property('modelgate:modelVersionId', version.id),
      property('modelgate:modelVersionKey', version.key),
      property('modelgate:family', version.familyName),
      property('modelgate:providerLegalEntity', version.provider.legalEntity),
      property('modelgate:developerCountry', version.developerCountry),
      property('modelgate:effectiveOrigin', version.effectiveOrigin.join(',')),
      property('modelgate:supplier', version.supplier),
      property('modelgate:distribution', version.distribution),
      property('modelgate:releaseDate', version.releaseDate?.toISOString().slice(0, 10)),
      property('modelgate:parameterCount', version.parameterCount?.toString()),
      property('modelgate:contextLength', version.contextLength?.toString()),
      property('modelgate:declaredLicense', declaredLicenseNotListed),
      property('modelgate:licenseClass', version.licenseClass),
      property('modelgate:riskTier', version.riskTier),
      property('modelgate:approvalState', version.approvalState),
      ...version.deployments
        .map(
          (deployment) =>
            `${deployment.application} / ${deployment.environment} / ${deployment.hostingTarget} (${deployment.hostingMode}) / ${deployment.dataClassification}`,
        )
        .sort(compareText)
        .map((description) => property('modelgate:deployment', description)),
    ].filter((entry) => entry !== undefined),
  });
}

/**
 * CycloneDX 1.6 takes either licenses (SPDX ids or names, each acknowledged) or one lone SPDX
 * expression. When the declared and the concluded license cannot both be listed, the concluded one,
 * which is what applies, stays in `licenses` and the declared one moves to a property.
 */
function licensesOf(version: MlBomModelVersion): { licenses: CdxLicenseChoice[]; declaredLicenseNotListed: string | undefined } {
  const declared = version.declaredLicense.trim() ? toLicenseChoice(version.declaredLicense, 'declared') : undefined;
  const concluded = version.concludedLicense?.trim() ? toLicenseChoice(version.concludedLicense, 'concluded') : undefined;
  if (declared && concluded && ('expression' in declared || 'expression' in concluded)) {
    return { licenses: [concluded], declaredLicenseNotListed: version.declaredLicense.trim() };
  }
  return { licenses: [declared, concluded].filter((choice) => choice !== undefined), declaredLicenseNotListed: undefined };
}

function toLicenseChoice(text: string, acknowledgement: CdxLicenseAcknowledgement): CdxLicenseChoice {
  const parsed = parseSpdxExpression(text);
  if (!parsed.ok) return { license: { name: text.trim(), acknowledgement } };
  const { tree } = parsed;
  // The schema lists the SPDX ids it knows; a newer id, a LicenseRef- or a compound is an expression.
  if ('license' in tree && !tree.plus && !tree.exception && isSupportedSpdxId(tree.license)) {
    return { license: { id: tree.license, acknowledgement } };
  }
  return { expression: text.trim(), acknowledgement };
}

function huggingFaceUrl(repo: string): string {
  return `https://huggingface.co/${repo}`;
}

/** purl type `huggingface`: namespace and name are the repository's owner and name, the version its revision. */
function huggingFacePurl(repo: string | null, revision: string | null): string | undefined {
  if (!repo) return undefined;
  const path = repo.split('/').map(encodeURIComponent).join('/');
  return revision ? `pkg:huggingface/${path}@${encodeURIComponent(revision)}` : `pkg:huggingface/${path}`;
}

function externalReferencesOf(version: MlBomModelVersion): CdxExternalReference[] {
  const references: CdxExternalReference[] = [];
  if (version.provider.website) references.push({ type: 'website', url: version.provider.website });
  if (version.modelCardUrl) references.push({ type: 'model-card', url: version.modelCardUrl });
  const repositoryUrl = version.huggingFaceRepo ? huggingFaceUrl(version.huggingFaceRepo) : undefined;
  if (repositoryUrl) references.push({ type: 'distribution', url: repositoryUrl, comment: 'Hugging Face repository' });
  if (version.sourceUrl && version.sourceUrl !== repositoryUrl) {
    references.push({ type: 'documentation', url: version.sourceUrl, comment: 'Where the recorded facts can be checked' });
  }
  if (version.trainingDataUrl) {
    references.push({ type: 'documentation', url: version.trainingDataUrl, comment: 'Training data disclosure' });
  }
  return references;
}

/**
 * An ancestor is a component in its own right; it names the base's component in this BOM, when the base
 * is deployed too, by BOM-Link (bom-refs must be unique, so it cannot reuse the bom-ref).
 */
function toAncestor(base: MlBomModelVersion['bases'][number], deployedBaseLink: string | null): CdxComponent {
  return withoutEmpty({
    type: 'machine-learning-model',
    group: base.provider,
    name: base.versionName,
    externalReferences: deployedBaseLink
      ? [{ type: 'bom', url: deployedBaseLink, comment: 'The base model, listed in this BOM' }]
      : undefined,
    properties: [
      { name: 'modelgate:modelVersionKey', value: base.key },
      { name: 'modelgate:lineageRelation', value: base.relation },
    ],
  });
}

// Modalities are what a model takes, except an embedding, which is what an embedding model produces.
function modelCardOf(version: MlBomModelVersion): CdxModelCard | undefined {
  const formats = version.modalities.map((modality) => modality.toLowerCase());
  const modelCard = withoutEmpty({
    modelParameters: withoutEmpty({
      task: version.task ?? undefined,
      inputs: formats.filter((format) => format !== 'embedding').map((format) => ({ format })),
      outputs: formats.filter((format) => format === 'embedding').map((format) => ({ format })),
    }),
    considerations: withoutEmpty({
      useCases: version.intendedUse ? [version.intendedUse] : undefined,
      technicalLimitations: version.limitations ? [version.limitations] : undefined,
    }),
  });
  return Object.keys(modelCard).length > 0 ? modelCard : undefined;
}

function property(name: string, value: string | null | undefined): CdxProperty | undefined {
  return value ? { name, value } : undefined;
}

/** Drops undefined values, empty arrays and empty objects, so the BOM holds only what is known. */
function withoutEmpty<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]: [string, unknown]) => {
      if (entry === undefined) return false;
      if (Array.isArray(entry)) return entry.length > 0;
      if (typeof entry === 'object' && entry !== null) return Object.keys(entry).length > 0;
      return true;
    }),
  ) as T;
}

// Code-point order, so the output does not depend on the locale.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
