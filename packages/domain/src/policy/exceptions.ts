import { z } from 'zod';
import {
  dataClassificationRank,
  dataClassificationSchema,
  environmentSchema,
  type DataClassification,
  type Environment,
} from '../inventory/enums.js';

/** The longest an exception may last: waivers are time-boxed by design. */
export const EXCEPTION_MAX_DAYS = 180;

const id = (what: string) => z.uuid(`must be ${what} id`);
const expectedVersion = z.number({ error: 'must be the version you read' }).int().min(1, 'must be at least 1');
const reason = z.string().trim().min(10, 'must explain in at least 10 characters').max(2000, 'must be at most 2000 characters');

export const requestExceptionInputSchema = z.object({
  modelVersionId: id('a model version'),
  teamId: id('a team')
    .nullish()
    .transform((value) => value ?? null),
  environments: z
    .array(environmentSchema)
    .min(1, 'must name at least one environment')
    .refine((list) => new Set(list).size === list.length, 'must not repeat an environment'),
  /** Empty: any hosting target. */
  hostingTargetIds: z.array(id('a hosting target')).max(20).default([]),
  maxDataClassification: dataClassificationSchema,
  /** The deny rules waived; empty: every deny rule. */
  ruleIds: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a rule id'))
    .max(20)
    .default([]),
  justification: z.string().trim().min(20, 'must justify the exception in at least 20 characters').max(4000),
  compensatingControls: z
    .array(z.string().trim().min(3, 'must be at least 3 characters').max(1000))
    .min(1, 'must name at least one compensating control')
    .max(20),
  expiresAt: z.iso
    .datetime({ offset: true, error: 'must be a date and time, e.g. 2027-01-31T00:00:00Z' })
    .transform((value) => new Date(value)),
});
export type RequestExceptionInput = z.output<typeof requestExceptionInputSchema>;

export const decideExceptionInputSchema = z.object({
  id: id('an exception'),
  expectedVersion,
  decision: z.enum(['GRANT', 'REJECT'], { error: () => 'must be GRANT or REJECT' }),
  reason,
});
export type DecideExceptionInput = z.output<typeof decideExceptionInputSchema>;

export const exceptionStepInputSchema = z.object({
  id: id('an exception'),
  expectedVersion,
  step: z.enum(['WITHDRAW', 'REVOKE'], { error: () => 'must be WITHDRAW or REVOKE' }),
  reason,
});
export type ExceptionStepInput = z.output<typeof exceptionStepInputSchema>;

export type ExceptionScope = {
  state: string;
  teamId: string | null;
  environments: readonly Environment[];
  hostingTargetIds: readonly string[];
  maxDataClassification: DataClassification;
  expiresAt: Date;
};

/** Whether a granted, unexpired exception covers this use of its model version. */
export function exceptionCovers(
  exception: ExceptionScope,
  use: {
    environment: Environment;
    hostingTargetId: string;
    dataClassification: DataClassification;
    teamId: string | null;
    now: Date;
  },
): boolean {
  return (
    exception.state === 'GRANTED' &&
    exception.expiresAt > use.now &&
    (exception.teamId === null || use.teamId === null || exception.teamId === use.teamId) &&
    exception.environments.includes(use.environment) &&
    (exception.hostingTargetIds.length === 0 || exception.hostingTargetIds.includes(use.hostingTargetId)) &&
    dataClassificationRank(use.dataClassification) <= dataClassificationRank(exception.maxDataClassification)
  );
}
