import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  createLicenseCatalogEntryInputSchema,
  retireInputSchema,
  updateLicenseCatalogEntryInputSchema,
  type CreateLicenseCatalogEntryInput as CreateValues,
  type RetireInput as RetireValues,
  type UpdateLicenseCatalogEntryInput as UpdateValues,
} from '@modelgate/domain/inventory';
import type { Actor } from '../common/auth/actor.js';
import { Allow, CurrentActor } from '../common/auth/authorization.decorators.js';
import { ZodValidationPipe } from '../common/graphql/zod-validation.pipe.js';
import { CreateLicenseInput, RetireInput, UpdateLicenseInput } from './dto/inventory.inputs.js';
import { toLicense } from './inventory.mappers.js';
import { LicensesService } from './licenses.service.js';
import { License } from './models/license.model.js';

@Resolver(() => License)
export class LicensesResolver {
  constructor(private readonly catalog: LicensesService) {}

  @Query(() => [License], { description: 'The license catalog, by license id.' })
  @Allow('read', 'Model')
  async licenses(@Args('includeRetired', { defaultValue: false }) includeRetired: boolean): Promise<License[]> {
    return (await this.catalog.list(includeRetired)).map(toLicense);
  }

  @Mutation(() => License, { description: 'Adds a license and its terms to the catalog.' })
  @Allow('create', 'License')
  async createLicense(
    @Args('input', { type: () => CreateLicenseInput }, new ZodValidationPipe(createLicenseCatalogEntryInputSchema, 'input'))
    input: CreateValues,
    @CurrentActor() actor: Actor,
  ): Promise<License> {
    return toLicense(await this.catalog.create(input, actor));
  }

  @Mutation(() => License, { description: "Changes a license's terms; every version using it is re-classified." })
  @Allow('update', 'License')
  async updateLicense(
    @Args('input', { type: () => UpdateLicenseInput }, new ZodValidationPipe(updateLicenseCatalogEntryInputSchema, 'input'))
    input: UpdateValues,
    @CurrentActor() actor: Actor,
  ): Promise<License> {
    return toLicense(await this.catalog.update(input, actor));
  }

  @Mutation(() => License)
  @Allow('delete', 'License')
  async retireLicense(
    @Args('input', { type: () => RetireInput }, new ZodValidationPipe(retireInputSchema, 'input')) input: RetireValues,
    @CurrentActor() actor: Actor,
  ): Promise<License> {
    return toLicense(await this.catalog.retire(input, actor));
  }
}
