import { SetMetadata } from '@nestjs/common';

export const IDEMPOTENT_MUTATION = 'modelgate:idempotent-mutation';

const idempotentMutations = new Set<string>();

/**
 * Marks a registration mutation that honours the `Idempotency-Key` header: with a key, it runs at most once
 * per caller and key, and repeats get the first result (see IdempotencyInterceptor). Any other mutation
 * sent with the header is refused. Put it on the resolver method, whose name is the mutation's.
 */
export function Idempotent(): MethodDecorator {
  return (target, propertyKey, descriptor) => {
    idempotentMutations.add(String(propertyKey));
    SetMetadata(IDEMPOTENT_MUTATION, true)(target, propertyKey, descriptor);
  };
}

/** The mutations marked @Idempotent(), by name, for messages. */
export function idempotentMutationNames(): string[] {
  return [...idempotentMutations].sort();
}
