import { Args, Context, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  attachModelWeightsInputSchema,
  createModelVersionInputSchema,
  licenseIdsIn,
  modelVersionsArgsSchema,
  parseSpdxExpression,
  retireInputSchema,
  updateModelVersionInputSchema,
  type AttachModelWeightsInput as AttachWeightsValues,
  type CreateModelVersionInput as CreateValues,
  type ModelVersionFilter as FilterValues,
  type ModelVersionsQuery,
  type RetireInput as RetireValues,
  type UpdateModelVersionInput as UpdateValues,
} from '@modelgate/domain/inventory';
import { NotFoundError } from '@modelgate/domain/errors';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';
import { approvalRequestColumnsFor } from '../approvals/approval-mappers.js';
import { RecordChange } from '../audit/models/audit-event.model.js';
import type { Actor } from '../common/auth/actor.js';
import { Allow, CurrentActor } from '../common/auth/authorization.decorators.js';
import { Idempotent } from '../common/idempotency/idempotent.decorator.js';
import { ZodValidationPipe } from '../common/graphql/zod-validation.pipe.js';
import { CreateModelVersionInput, ModelVersionsArgs, RetireInput, UpdateModelVersionInput } from './dto/inventory.inputs.js';
import { AttachModelWeightsInput } from './dto/attach-model-weights.input.js';
import { InventoryLoaders } from './inventory.loaders.js';
import type { ModelVersionListReads } from './inventory.repository.js';
import {
  toDeployment,
  toLicense,
  toLicenseHistoryEntry,
  toListedModelVersion,
  toModelVersion,
  toProvider,
  toWeightFile,
} from './inventory.mappers.js';
import { InventoryQueriesService } from './inventory-queries.service.js';
import { ModelVersionsService } from './model-versions.service.js';
import { selectedFieldNames } from './requested-fields.js';
import { MODEL_VERSION_COLUMNS, PROVIDER_COLUMNS, type ModelVersionColumn } from './inventory.selects.js';
import { Deployment } from './models/deployment.model.js';
import { License, LicenseHistoryEntry } from './models/license.model.js';
import { LineageLink, ModelVersion, ModelVersionConnection, ModelVersionFacets } from './models/model-version.model.js';
import { Provider } from './models/provider.model.js';
import { WeightFile } from './models/weight-file.model.js';

const idSchema = z.uuid('must be a model version id');

/**
 * What the field resolvers of a version read from their parent (here, and `approvalRequests` in approvals
 * reads `id`). The list reads these and the selected fields only: a new resolver that reads another column
 * of its parent adds it here.
 */
const PARENT_COLUMNS = new Set<ModelVersionColumn>(['id', 'providerId', 'declaredLicense', 'concludedLicense']);

/** What a selection of the list reads, worked out once per field of an operation (not per request). */
const readsOfSelection = new WeakMap<readonly FieldNode[], ModelVersionListReads | null>();

/** What the list must read for the fields the operation selects; null when it selects no page (facets alone). */
function listReadsOf(info: GraphQLResolveInfo): ModelVersionListReads | null {
  if (readsOfSelection.has(info.fieldNodes)) return readsOfSelection.get(info.fieldNodes)!;
  const connection = selectedFieldNames(info, []);
  const node = selectedFieldNames(info, ['edges', 'node']);
  const provider = selectedFieldNames(info, ['edges', 'node', 'provider']);
  const reads =
    connection.has('edges') || connection.has('pageInfo') || connection.has('totalCount')
      ? {
          columns: MODEL_VERSION_COLUMNS.filter((column) => node.has(column) || PARENT_COLUMNS.has(column)),
          // The provider's field resolvers read its `id`, which is always read.
          provider: node.has('provider') ? PROVIDER_COLUMNS.filter((column) => provider.has(column)) : null,
          deploymentCount: node.has('deploymentCount'),
          approvalRequests: node.has('approvalRequests')
            ? approvalRequestColumnsFor(selectedFieldNames(info, ['edges', 'node', 'approvalRequests']))
            : null,
          totalCount: connection.has('totalCount'),
        }
      : null;
  readsOfSelection.set(info.fieldNodes, reads);
  return reads;
}

@Resolver(() => ModelVersion)
export class ModelVersionsResolver {
  constructor(
    private readonly versions: ModelVersionsService,
    private readonly queries: InventoryQueriesService,
    private readonly loaders: InventoryLoaders,
  ) {}

  @Query(() => ModelVersionConnection, { description: 'The model inventory: filter, sort and page through versions.' })
  @Allow('read', 'Model')
  async modelVersions(
    @Args({ type: () => ModelVersionsArgs }, new ZodValidationPipe(modelVersionsArgsSchema)) args: ModelVersionsQuery,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ModelVersionConnection> {
    const reads = listReadsOf(info);
    if (!reads) {
      // Facets alone (the admin app reads them beside the rows): no page to read.
      return { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, filter: args.filter, knownTotalCount: null };
    }
    const page = await this.queries.modelVersionList(args, reads);
    // Only the fields the query selects are resolved, and each was read (or is one the resolvers read).
    const rows = page.rows.map(({ row }) => row);
    const nodes = rows.map((row) => toListedModelVersion(row.version));
    this.loaders.rememberListPage(rows, nodes);
    return {
      edges: page.rows.map(({ cursor }, index) => ({ cursor, node: nodes[index]! })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      filter: args.filter,
      knownTotalCount: page.totalCount,
    };
  }

  @Query(() => ModelVersion)
  @Allow('read', 'Model')
  async modelVersion(@Args('id', { type: () => ID }, new ZodValidationPipe(idSchema, 'id')) id: string): Promise<ModelVersion> {
    const [row] = await this.queries.modelVersionsByIds([id]);
    if (!row) throw new NotFoundError('Model version', id);
    return toModelVersion(row);
  }

  @Mutation(() => ModelVersion, { description: 'Registers a model version with its license and lineage.' })
  @Allow('create', 'Model')
  @Idempotent()
  async createModelVersion(
    @Args('input', { type: () => CreateModelVersionInput }, new ZodValidationPipe(createModelVersionInputSchema, 'input'))
    input: CreateValues,
    @CurrentActor() actor: Actor,
  ): Promise<ModelVersion> {
    return toModelVersion(await this.versions.create(input, actor));
  }

  @Mutation(() => ModelVersion, {
    description: 'Changes the facts of a version. A changed license adds a license history entry; nothing is overwritten.',
  })
  @Allow('update', 'Model')
  async updateModelVersion(
    @Args('input', { type: () => UpdateModelVersionInput }, new ZodValidationPipe(updateModelVersionInputSchema, 'input'))
    input: UpdateValues,
    @CurrentActor() actor: Actor,
  ): Promise<ModelVersion> {
    return toModelVersion(await this.versions.update(input, actor));
  }

  @Mutation(() => ModelVersion, {
    description:
      'Records the checksums of a weights folder’s files on a version (replacing those attached before) and makes their digest the version’s weights checksum: the file’s own SHA-256 for one file, else the SHA-256 of the sorted `sha256sum` lines. Approvals given for another checksum stop covering the version.',
  })
  @Allow('update', 'Model')
  async attachModelWeights(
    @Args('input', { type: () => AttachModelWeightsInput }, new ZodValidationPipe(attachModelWeightsInputSchema, 'input'))
    input: AttachWeightsValues,
    @CurrentActor() actor: Actor,
  ): Promise<ModelVersion> {
    return toModelVersion(await this.versions.attachWeights(input, actor));
  }

  @Mutation(() => ModelVersion, { description: 'Takes a version out of the inventory; it needs no active deployments.' })
  @Allow('delete', 'Model')
  async retireModelVersion(
    @Args('input', { type: () => RetireInput }, new ZodValidationPipe(retireInputSchema, 'input')) input: RetireValues,
    @CurrentActor() actor: Actor,
  ): Promise<ModelVersion> {
    return toModelVersion(await this.versions.retire(input, actor));
  }

  // This resolver and `deploymentCount` run once per row of a list, so they take no parameter decorators: Nest then
  // passes GraphQL's own (parent, args, context) and calls them directly, skipping its per-parameter pipeline.
  // `authorizeFieldResolvers` still checks their rule.
  @ResolveField(() => Provider)
  @Allow('read', 'Model')
  provider(version: ModelVersion, _args: unknown, context: object): Provider | Promise<Provider> {
    const listed = this.loaders.listedProviderOf(version);
    if (listed) return listed as Provider;
    return this.loaders
      .for(context)
      .provider.load(version.providerId)
      .then((row) => toProvider(row!));
  }

  @ResolveField(() => [License], {
    description: 'Catalog entries of the licenses in the current (concluded, else declared) expression.',
  })
  @Allow('read', 'Model')
  async licenses(@Parent() version: ModelVersion, @Context() context: object): Promise<License[]> {
    const expression = version.concludedLicense ?? version.declaredLicense;
    if (!parseSpdxExpression(expression).ok) return [];
    const rows = await this.loaders.for(context).licenseByIdentifier.loadMany(licenseIdsIn(expression));
    return rows.flatMap((row) => (row && !(row instanceof Error) ? [toLicense(row)] : []));
  }

  @ResolveField(() => [String], { description: 'License ids in the current expression that the catalog does not know.' })
  @Allow('read', 'Model')
  async uncataloguedLicenseIds(@Parent() version: ModelVersion, @Context() context: object): Promise<string[]> {
    const expression = version.concludedLicense ?? version.declaredLicense;
    if (!parseSpdxExpression(expression).ok) return [];
    const ids = licenseIdsIn(expression);
    const rows = await this.loaders.for(context).licenseByIdentifier.loadMany(ids);
    return ids.filter((_, index) => !rows[index] || rows[index] instanceof Error);
  }

  @ResolveField(() => [LicenseHistoryEntry], { description: 'Newest first.' })
  @Allow('read', 'Model')
  async licenseHistory(@Parent() version: ModelVersion, @Context() context: object): Promise<LicenseHistoryEntry[]> {
    return (await this.loaders.for(context).licenseHistory.load(version.id)).map(toLicenseHistoryEntry);
  }

  @ResolveField(() => [LineageLink], { description: 'Direct bases and how this version derives from each.' })
  @Allow('read', 'Model')
  async bases(@Parent() version: ModelVersion, @Context() context: object): Promise<LineageLink[]> {
    return (await this.loaders.for(context).basesOf.load(version.id)).map(({ relation, row }) => ({
      relation: relation as LineageLink['relation'],
      modelVersion: toModelVersion(row),
    }));
  }

  @ResolveField(() => [LineageLink], { description: 'Versions made directly from this one.' })
  @Allow('read', 'Model')
  async derivatives(@Parent() version: ModelVersion, @Context() context: object): Promise<LineageLink[]> {
    return (await this.loaders.for(context).derivativesOf.load(version.id)).map(({ relation, row }) => ({
      relation: relation as LineageLink['relation'],
      modelVersion: toModelVersion(row),
    }));
  }

  @ResolveField(() => [WeightFile], { description: 'The files of its weights folder, by path; empty when none were attached.' })
  @Allow('read', 'Model')
  async weightFiles(@Parent() version: ModelVersion, @Context() context: object): Promise<WeightFile[]> {
    return (await this.loaders.for(context).weightFiles.load(version.id)).map(toWeightFile);
  }

  @ResolveField(() => Int, { description: 'Active deployments of this version.' })
  @Allow('read', 'Model')
  deploymentCount(version: ModelVersion, _args: unknown, context: object): number | Promise<number> {
    return this.loaders.listedDeploymentCountOf(version) ?? this.loaders.for(context).activeDeploymentCount.load(version.id);
  }

  @ResolveField(() => [RecordChange], { description: 'Who changed this version and how, newest first (the latest 50).' })
  @Allow('read', 'Model')
  history(@Parent() version: ModelVersion, @Context() context: object): Promise<RecordChange[]> {
    return this.loaders.for(context).modelVersionHistory.load(version.id);
  }

  @ResolveField(() => [Deployment], { description: 'Every deployment of this version, active first.' })
  @Allow('read', 'Deployment')
  async deployments(@Parent() version: ModelVersion, @Context() context: object): Promise<Deployment[]> {
    return (await this.loaders.for(context).deploymentsOfVersion.load(version.id)).map(toDeployment);
  }
}

@Resolver(() => ModelVersionConnection)
export class ModelVersionConnectionResolver {
  constructor(private readonly queries: InventoryQueriesService) {}

  @ResolveField(() => Int, { description: 'Versions matching the filter, on all pages.' })
  @Allow('read', 'Model')
  async totalCount(@Parent() connection: ModelVersionConnection): Promise<number> {
    return connection.knownTotalCount ?? this.queries.countModelVersions(connection.filter as FilterValues);
  }

  @ResolveField(() => ModelVersionFacets)
  @Allow('read', 'Model')
  facets(@Parent() connection: ModelVersionConnection): Promise<ModelVersionFacets> {
    return this.queries.facets(connection.filter as FilterValues);
  }
}
