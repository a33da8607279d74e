import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export const TransferFormat = { CSV: 'CSV', JSON: 'JSON' } as const;
export type TransferFormat = (typeof TransferFormat)[keyof typeof TransferFormat];
registerEnumType(TransferFormat, { name: 'TransferFormat', description: 'Inventory file format (docs/inventory-import.md).' });

@InputType()
export class ImportInventoryInput {
  @Field({ description: 'The whole file as text (UTF-8).' })
  content!: string;

  @Field(() => TransferFormat)
  format!: TransferFormat;

  @Field({ description: 'Check every row and report what would change, without writing anything.' })
  dryRun!: boolean;
}

@ObjectType({ description: 'A problem with one cell, one row or the whole file (row 0).' })
export class ImportRowError {
  @Field(() => Int, { description: 'CSV: the spreadsheet row (header is row 1). JSON: the 1-based record index. 0: the file.' })
  row!: number;

  @Field(() => String, { nullable: true, description: 'CSV column name or JSON field path.' })
  column!: string | null;

  @Field()
  reason!: string;
}

@ObjectType({ description: 'What an import did (or, for a dry run, would do). Nothing is written unless every row is valid.' })
export class InventoryImportResult {
  @Field()
  dryRun!: boolean;

  @Field({ description: 'True when every row is valid (and, unless a dry run, the import was committed).' })
  ok!: boolean;

  @Field(() => Int)
  rowCount!: number;

  @Field(() => Int, { description: 'Model versions created.' })
  created!: number;

  @Field(() => Int, { description: 'Model versions whose facts changed.' })
  updated!: number;

  @Field(() => Int, { description: 'Rows identical to what is stored.' })
  unchanged!: number;

  @Field(() => Int)
  providersCreated!: number;

  @Field(() => Int)
  providersUpdated!: number;

  @Field(() => [ImportRowError])
  errors!: ImportRowError[];
}

@ObjectType()
export class InventoryExport {
  @Field(() => TransferFormat)
  format!: TransferFormat;

  @Field({ description: 'A suggested file name, e.g. modelgate-inventory-2026-11-23.csv.' })
  fileName!: string;

  @Field(() => Int)
  rowCount!: number;

  @Field({ description: 'The file, in the import format: importing it back changes nothing.' })
  content!: string;
}
