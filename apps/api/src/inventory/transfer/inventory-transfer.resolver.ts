import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { z } from 'zod';
import type { Actor } from '../../common/auth/actor.js';
import { Allow, CurrentActor } from '../../common/auth/authorization.decorators.js';
import { ZodValidationPipe } from '../../common/graphql/zod-validation.pipe.js';
import { ImportInventoryInput, InventoryExport, InventoryImportResult, TransferFormat } from './inventory-transfer.models.js';
import { InventoryTransferService } from './inventory-transfer.service.js';

/** 16 MiB of text: about 40,000 rows of a typical inventory. */
export const MAX_IMPORT_CHARACTERS = 16 * 1024 * 1024;

const importInputSchema = z.object({
  content: z
    .string()
    .min(1, 'must not be empty: choose a file with at least a header row')
    .max(MAX_IMPORT_CHARACTERS, 'is larger than 16 MiB: split the file'),
  format: z.enum(['CSV', 'JSON'], { error: 'must be CSV or JSON' }),
  dryRun: z.boolean({ error: 'must be true or false' }),
});

@Resolver()
export class InventoryTransferResolver {
  constructor(private readonly transfer: InventoryTransferService) {}

  @Mutation(() => InventoryImportResult, {
    description:
      'Imports model versions (and their providers) from a CSV or JSON file: all rows or none, upserted by provider name + version name.',
  })
  @Allow('update', 'Model')
  importInventory(
    @Args('input', { type: () => ImportInventoryInput }, new ZodValidationPipe(importInputSchema, 'input'))
    input: z.output<typeof importInputSchema>,
    @CurrentActor() actor: Actor,
  ): Promise<InventoryImportResult> {
    return this.transfer.import(input.content, input.format, input.dryRun, actor);
  }

  @Query(() => InventoryExport, { description: 'The whole inventory of model versions in the import format.' })
  @Allow('read', 'Model')
  inventoryExport(@Args('format', { type: () => TransferFormat }) format: TransferFormat): Promise<InventoryExport> {
    return this.transfer.export(format);
  }
}
