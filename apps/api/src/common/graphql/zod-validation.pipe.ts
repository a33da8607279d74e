import type { PipeTransform } from '@nestjs/common';
import { parseOrThrow } from '@modelgate/domain/validation';
import type { z } from 'zod';

/**
 * Validates one GraphQL argument with a shared zod schema (the admin app's forms use the same one);
 * a failure becomes VALIDATION_FAILED naming the field.
 */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    private readonly argumentName?: string,
  ) {}

  transform(value: unknown): z.output<S> {
    return parseOrThrow(this.schema, value, this.argumentName);
  }
}
