import { z } from 'zod';

const text = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const auditEventsArgsSchema = z
  .object({
    filter: z
      .object({
        actorId: text.nullish(),
        action: text.nullish(),
        entityType: text.nullish(),
        entityId: text.nullish(),
        outcome: z.enum(['SUCCESS', 'DENIED', 'FAILURE'], { error: 'must be SUCCESS, DENIED or FAILURE' }).nullish(),
        from: z.date().nullish(),
        to: z.date().nullish(),
      })
      .nullish()
      .refine((f) => !f?.from || !f.to || f.from < f.to, { message: 'must be after from', path: ['to'] }),
    first: z.number().int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').nullish(),
    after: z
      .string()
      .regex(/^\d{1,19}$/, 'is not a cursor from this list')
      .nullish(),
  })
  .transform(({ filter, first, after }) => ({ filter: filter ?? {}, first: first ?? 50, after: after ? BigInt(after) : null }));

export type AuditEventsQuery = z.output<typeof auditEventsArgsSchema>;
