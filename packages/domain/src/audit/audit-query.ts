import { z } from 'zod';

/** The trail's two orders: chain order is time order, so these are the only orders the server pages through. */
export const AUDIT_ORDERS = ['NEWEST_FIRST', 'OLDEST_FIRST'] as const;
export type AuditOrder = (typeof AUDIT_ORDERS)[number];

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
    order: z.enum(AUDIT_ORDERS, { error: 'must be NEWEST_FIRST or OLDEST_FIRST' }).nullish(),
  })
  .transform(({ filter, first, after, order }) => ({
    filter: filter ?? {},
    first: first ?? 50,
    after: after ? BigInt(after) : null,
    order: order ?? ('NEWEST_FIRST' as const),
  }));

export type AuditEventsQuery = z.output<typeof auditEventsArgsSchema>;
