import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ErrorCode, isDomainError } from '@modelgate/domain/errors';
import { policyQuestionSchema } from '@modelgate/domain/policy';
import { parseOrThrow } from '@modelgate/domain/validation';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AuditService } from '../audit/audit.service.js';
import { PolicyDecisionService } from './policy-decision.service.js';

export const DECISION_ROUTE = '/api/v1/decisions';

const STATUS_BY_CODE: Partial<Record<string, number>> = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.ServiceUnavailable]: 503,
};

function fail(reply: FastifyReply, code: string, message: string, extra: Record<string, unknown> = {}) {
  return reply.status(STATUS_BY_CODE[code] ?? 500).send({ errors: [{ message, extensions: { code, ...extra } }] });
}

/**
 * The CI gate as plain HTTP for pipelines: POST a JSON question (the `PolicyQuestionInput` fields),
 * get `{ decision, reasons, ... }`. Authenticated like GraphQL (a token with `decisions:read`, or a
 * session); errors have the GraphQL error shape and a matching HTTP status.
 */
export function registerDecisionRoute(fastify: FastifyInstance, app: NestFastifyApplication): void {
  const decisions = app.get(PolicyDecisionService);
  const audit = app.get(AuditService);
  fastify.post(DECISION_ROUTE, async (request, reply) => {
    const actor = request.actor;
    if (!actor || actor.credentialError || actor.principal.kind === 'anonymous') {
      return fail(
        reply,
        ErrorCode.Unauthenticated,
        actor?.credentialError ?? 'Send an API token (Authorization: Bearer mgt_...).',
      );
    }
    if (!actor.ability.can('read', 'Decision')) {
      await audit.recordAlone(actor, {
        action: 'access.denied',
        entityType: 'Operation',
        entityId: `POST ${DECISION_ROUTE}`,
        outcome: 'DENIED',
        reason: 'cannot read Decision',
      });
      return fail(reply, ErrorCode.Forbidden, 'This token may not ask for decisions (it needs the decisions:read scope).');
    }
    try {
      const question = parseOrThrow(policyQuestionSchema, request.body, 'input');
      const outcome = await decisions.decide(question, actor);
      return await reply.send({
        id: outcome.logId,
        decision: outcome.decision,
        reasons: outcome.reasons,
        policyVersion: outcome.policyVersion,
        decidedAt: outcome.decidedAt.toISOString(),
        modelVersion: {
          id: outcome.modelVersion.id,
          key: outcome.modelVersion.key,
          name: `${outcome.modelVersion.provider.name} ${outcome.modelVersion.versionName}`,
        },
        hostingTarget: { id: outcome.hostingTarget.id, name: outcome.hostingTarget.name },
        approval: outcome.coveringApproval
          ? {
              id: outcome.coveringApproval.id,
              reference: outcome.coveringApproval.reference,
              validUntil: outcome.coveringApproval.validUntil?.toISOString() ?? null,
            }
          : null,
        exception: outcome.exception ? { id: outcome.exception.id, reference: outcome.exception.reference } : null,
      });
    } catch (error) {
      if (isDomainError(error)) {
        return fail(reply, error.code, error.message, error.fields.length ? { fields: error.fields } : {});
      }
      request.log.error({ err: error }, 'decision failed');
      return fail(reply, ErrorCode.Internal, 'The decision could not be made.', { requestId: request.id });
    }
  });
}
