import { REQUEST_STATES } from '../approvals/state-machine.js';
import { z } from 'zod';
import { countryCodeSchema } from './countries.js';
import {
  dataClassificationSchema,
  deploymentStatusSchema,
  distributionSchema,
  environmentSchema,
  hostingModeSchema,
} from './enums.js';
import { LicenseClass } from './licenses.js';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

const pageSize = z
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)
  .nullish()
  .transform((value) => value ?? DEFAULT_PAGE_SIZE);

const cursor = z
  .string()
  .max(200, 'is not a cursor from this list')
  .nullish()
  .transform((value) => value ?? null);

const listOf = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .max(300, 'must list at most 300 values')
    .nullish()
    .transform((value) => value ?? []);

export const licenseClassSchema = z.enum(Object.values(LicenseClass) as [LicenseClass, ...LicenseClass[]], {
  error: () => `must be one of ${Object.values(LicenseClass).join(', ')}`,
});

export const SortDirection = { Asc: 'ASC', Desc: 'DESC' } as const;
export type SortDirection = (typeof SortDirection)[keyof typeof SortDirection];

export const ModelVersionSortField = {
  Name: 'NAME',
  Provider: 'PROVIDER',
  ReleaseDate: 'RELEASE_DATE',
  ParameterCount: 'PARAMETER_COUNT',
  UpdatedAt: 'UPDATED_AT',
} as const;
export type ModelVersionSortField = (typeof ModelVersionSortField)[keyof typeof ModelVersionSortField];

/** Every list filter of the inventory; values within one filter are alternatives, filters combine with AND. */
export const modelVersionFilterSchema = z
  .object({
    /** Matches family, version, provider name, Hugging Face repository or task, case-insensitively. */
    search: z
      .string()
      .trim()
      .max(200, 'must be at most 200 characters')
      .nullish()
      .transform((value) => value || null),
    providerIds: listOf(z.uuid('must be provider ids')),
    developerCountries: listOf(countryCodeSchema),
    /** Versions with any of these countries anywhere in their lineage. */
    effectiveOrigins: listOf(countryCodeSchema),
    distributions: listOf(distributionSchema),
    licenseClasses: listOf(licenseClassSchema),
    /** Versions with an active deployment on this kind of hosting / in this environment / processing this class. */
    hostingModes: listOf(hostingModeSchema),
    environments: listOf(environmentSchema),
    dataClassifications: listOf(dataClassificationSchema),
    /** Versions with an approval request in any of these states; NONE: versions nobody has asked about. */
    approvalStates: listOf(
      z.enum(['NONE', ...REQUEST_STATES] as [string, ...string[]], {
        error: () => `must be NONE or one of ${REQUEST_STATES.join(', ')}`,
      }),
    ),
    includeRetired: z
      .boolean()
      .nullish()
      .transform((value) => value ?? false),
  })
  .nullish()
  .transform(
    (value) =>
      value ?? {
        search: null,
        providerIds: [],
        developerCountries: [],
        effectiveOrigins: [],
        distributions: [],
        licenseClasses: [],
        hostingModes: [],
        environments: [],
        dataClassifications: [],
        approvalStates: [],
        includeRetired: false,
      },
  );
export type ModelVersionFilter = z.output<typeof modelVersionFilterSchema>;

export const modelVersionsArgsSchema = z.object({
  filter: modelVersionFilterSchema,
  orderBy: z
    .object({
      field: z.enum(Object.values(ModelVersionSortField) as [ModelVersionSortField, ...ModelVersionSortField[]]),
      direction: z
        .enum(['ASC', 'DESC'])
        .nullish()
        .transform((value) => value ?? 'ASC'),
    })
    .nullish()
    .transform((value) => value ?? { field: ModelVersionSortField.Name, direction: SortDirection.Asc }),
  first: pageSize,
  after: cursor,
});
export type ModelVersionsQuery = z.output<typeof modelVersionsArgsSchema>;

export const deploymentFilterSchema = z
  .object({
    search: z
      .string()
      .trim()
      .max(200, 'must be at most 200 characters')
      .nullish()
      .transform((value) => value || null),
    modelVersionIds: listOf(z.uuid('must be model version ids')),
    teamIds: listOf(z.uuid('must be team ids')),
    hostingTargetIds: listOf(z.uuid('must be hosting target ids')),
    environments: listOf(environmentSchema),
    dataClassifications: listOf(dataClassificationSchema),
    statuses: listOf(deploymentStatusSchema),
  })
  .nullish()
  .transform(
    (value) =>
      value ?? {
        search: null,
        modelVersionIds: [],
        teamIds: [],
        hostingTargetIds: [],
        environments: [],
        dataClassifications: [],
        statuses: [],
      },
  );
export type DeploymentFilter = z.output<typeof deploymentFilterSchema>;

export const deploymentsArgsSchema = z.object({ filter: deploymentFilterSchema, first: pageSize, after: cursor });
export type DeploymentsQuery = z.output<typeof deploymentsArgsSchema>;
