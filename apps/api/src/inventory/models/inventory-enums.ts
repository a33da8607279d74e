import { registerEnumType } from '@nestjs/graphql';
import {
  CommercialUse,
  DataClassification,
  DeploymentStatus,
  Distribution,
  Environment,
  EuAiActCategory,
  HostingMode,
  LicenseClass,
  LineageRelation,
  Modality,
  ProviderType,
  TrainsOnInputs,
} from '@modelgate/domain/inventory';

type ValueKeyed<T extends Record<string, string>> = { [V in T[keyof T]]: V };

/**
 * The domain's enums keyed by their values, so GraphQL enum names equal the stored values
 * (`PRODUCTION`, not `Production`). Decorators must use these objects.
 */
function graphqlEnum<T extends Record<string, string>>(values: T, name: string, description: string): ValueKeyed<T> {
  const keyed = Object.fromEntries(Object.values(values).map((value) => [value, value])) as ValueKeyed<T>;
  registerEnumType(keyed, { name, description });
  return keyed;
}

export const ProviderTypeEnum = graphqlEnum(
  ProviderType,
  'ProviderType',
  'Who a provider is: company, academic, government or community.',
);
export const DistributionEnum = graphqlEnum(
  Distribution,
  'Distribution',
  'How a model version is offered: open weights, API only, or both.',
);
export const LineageRelationEnum = graphqlEnum(LineageRelation, 'LineageRelation', 'How a derivative was made from its base.');
export const ModalityEnum = graphqlEnum(Modality, 'Modality', 'What a model takes in or produces.');
export const CommercialUseEnum = graphqlEnum(CommercialUse, 'CommercialUse', 'Whether a license allows commercial use.');
export const LicenseClassEnum = graphqlEnum(
  LicenseClass,
  'LicenseClass',
  'License class by what limits commercial use most (see docs/data-model.md).',
);
export const HostingModeEnum = graphqlEnum(HostingMode, 'HostingMode', 'Where a model runs.');
export const TrainsOnInputsEnum = graphqlEnum(
  TrainsOnInputs,
  'TrainsOnInputs',
  'Whether the hosting operator trains on what it is sent.',
);
export const EnvironmentEnum = graphqlEnum(Environment, 'Environment', 'Deployment environment.');
export const DataClassificationEnum = graphqlEnum(
  DataClassification,
  'DataClassification',
  'Sensitivity of data, least to most sensitive.',
);
export const EuAiActCategoryEnum = graphqlEnum(
  EuAiActCategory,
  'EuAiActCategory',
  'EU AI Act use-case category of a deployment.',
);
export const DeploymentStatusEnum = graphqlEnum(DeploymentStatus, 'DeploymentStatus', 'Whether a deployment is running.');

export type {
  CommercialUse,
  DataClassification,
  DeploymentStatus,
  Distribution,
  Environment,
  EuAiActCategory,
  HostingMode,
  LicenseClass,
  LineageRelation,
  Modality,
  ProviderType,
  TrainsOnInputs,
} from '@modelgate/domain/inventory';
