import { Injectable } from '@nestjs/common';
import {
  approvalCoveringAnyHosting,
  InventoryIndex,
  ModelCardError,
  parseModelCard,
  referenceKey,
  weightsInUse,
  type ModelCardInput,
  type InventoryModel,
  type MatchModelReferencesInput,
  type MatchOutcome,
  type ReferenceMatch,
} from '@modelgate/discovery';
import { ValidationError } from '@modelgate/domain/errors';
import { Clock } from '../jobs/clock.js';
import {
  PoliciesRepository,
  type ApprovalFactsRow,
  type ExceptionRow,
  type HostingFactsRow,
  type ModelFactsRow,
} from '../policies/policies.repository.js';
import { toApprovalOnRecord } from '../policies/policy-facts.js';
import { PolicyDecisionService } from '../policies/policy-decision.service.js';
import { PolicyVersionsService } from '../policies/policy-versions.service.js';
import { DiscoveryRepository } from './discovery.repository.js';
import type { ModelCardDraft } from './models/model-card-draft.model.js';

export type ReferenceMatches = {
  environment: MatchModelReferencesInput['environment'];
  dataClassification: MatchModelReferencesInput['dataClassification'];
  hostingTarget: string | null;
  hostingTargetId: string | null;
  policyVersion: number | null;
  results: ReferenceMatch[];
};

type Status = Pick<ReferenceMatch, 'status' | 'reasons'>;

/**
 * Matches model references found by `modelgate scan` against the inventory and says, for each, whether an
 * approval covers the use. With a hosting target the status is the CI gate's own decision (policy, approvals,
 * exceptions; `PolicyDecisionService.evaluate`, not logged): ALLOW is APPROVED. Without one, APPROVED means a
 * granted approval covers the environment, data and team for a hosting mode it allows (the gate's
 * `whyNotCovered`); policy rules about the hosting cannot be evaluated then.
 */
@Injectable()
export class DiscoveryService {
  constructor(
    private readonly discovery: DiscoveryRepository,
    private readonly policies: PoliciesRepository,
    private readonly versions: PolicyVersionsService,
    private readonly decisions: PolicyDecisionService,
    private readonly clock: Clock,
  ) {}

  async match(input: MatchModelReferencesInput): Promise<ReferenceMatches> {
    const [models, hosting] = await Promise.all([this.discovery.findInventoryModels(), this.resolveHosting(input)]);
    const index = new InventoryIndex(models);
    const references = [...new Map(input.references.map((reference) => [referenceKey(reference), reference])).values()];
    const outcomes = references.map((reference) => ({ reference, outcome: index.match(reference) }));
    const matchedIds = [...new Set(outcomes.flatMap(({ outcome }) => (outcome.model ? [outcome.model.id] : [])))];

    const [inForce, facts, approvals, exceptions] = matchedIds.length
      ? await Promise.all([
          hosting ? this.versions.inForce() : null,
          this.policies.findModelsByIds(matchedIds),
          this.policies.approvalsOfVersions(matchedIds),
          hosting ? this.policies.grantedExceptionsOf(matchedIds) : [],
        ])
      : [null, [], [], []];
    const factsById = new Map(facts.map((row) => [row.id, row]));
    const approvalsById = new Map<string, ApprovalFactsRow[]>();
    for (const approval of approvals)
      approvalsById.set(approval.modelVersionId, [...(approvalsById.get(approval.modelVersionId) ?? []), approval]);

    const statuses = new Map<string, Promise<Status>>();
    const statusOf = (model: InventoryModel, weightsSha256: string | null): Promise<Status> => {
      const key = `${model.id}|${weightsSha256 ?? ''}`;
      let status = statuses.get(key);
      if (!status) {
        status = this.statusOf(
          input,
          hosting,
          inForce?.policy ?? null,
          factsById.get(model.id)!,
          approvalsById.get(model.id) ?? [],
          exceptions,
          weightsSha256,
        );
        statuses.set(key, status);
      }
      return status;
    };

    const results = await Promise.all(
      outcomes.map(async ({ reference, outcome }) => {
        const base = { kind: reference.kind, reference: reference.reference, sha256: reference.sha256 };
        if (!outcome.model) return { ...base, ...unknown(outcome) };
        const status = await statusOf(outcome.model, weightsInUse(outcome.model, reference.sha256));
        const { model } = outcome;
        return {
          ...base,
          ...status,
          matchedBy: outcome.matchedBy,
          hint: null,
          modelVersion: {
            id: model.id,
            key: model.key,
            versionName: model.versionName,
            familyName: model.familyName,
            provider: model.providerName,
            retired: model.retired,
          },
        };
      }),
    );
    return {
      environment: input.environment,
      dataClassification: input.dataClassification,
      hostingTarget: hosting?.name ?? null,
      hostingTargetId: hosting?.id ?? null,
      policyVersion: hosting ? (inForce?.number ?? null) : null,
      results,
    };
  }

  private async statusOf(
    input: MatchModelReferencesInput,
    hosting: HostingFactsRow | null,
    policy: Parameters<PolicyDecisionService['evaluate']>[0] | null,
    model: ModelFactsRow,
    approvals: ApprovalFactsRow[],
    exceptions: readonly ExceptionRow[],
    weightsSha256: string | null,
  ): Promise<Status> {
    const use = {
      environment: input.environment,
      dataClassification: input.dataClassification,
      personalData: input.personalData,
      euAiActCategory: null,
      weightsSha256,
    };
    if (hosting && policy) {
      const result = await this.decisions.evaluate(policy, model, hosting, use, input.teamId, approvals, exceptions);
      return {
        status: result.decision === 'ALLOW' ? 'APPROVED' : 'REGISTERED_NOT_APPROVED',
        reasons: result.reasons.map((reason) => reason.message),
      };
    }
    const { approval, problems } = approvalCoveringAnyHosting(approvals.map(toApprovalOnRecord), {
      ...use,
      teamId: input.teamId,
      currentWeightsSha256: model.weightsSha256,
      now: this.clock.now(),
    });
    if (approval) {
      const until = approval.validUntil ? ` until ${approval.validUntil.toISOString().slice(0, 10)}` : '';
      return { status: 'APPROVED', reasons: [`Approved by ${approval.reference}${until}`] };
    }
    return {
      status: 'REGISTERED_NOT_APPROVED',
      reasons: [
        problems.length
          ? `No approval covers this use: ${problems.join('; ')}`
          : 'No approval has been requested for this model version',
      ],
    };
  }

  /**
   * Reads a model card into a draft model version, with the inventory's versions of its base models (matched
   * by Hugging Face repository, key or name, as scan findings are), the provider of the suggested name, and
   * whether the license is catalogued. Saves nothing; a card it cannot read is VALIDATION_FAILED on input.text.
   */
  async draftFromModelCard(input: ModelCardInput): Promise<ModelCardDraft> {
    let draft: ReturnType<typeof parseModelCard>;
    try {
      draft = parseModelCard(input.text, input.repoId);
    } catch (error) {
      if (error instanceof ModelCardError) throw new ValidationError([{ field: 'input.text', reason: error.message }]);
      throw error;
    }
    const { fields, bases, ...rest } = draft;
    const [models, licenseInCatalog, provider] = await Promise.all([
      bases.length ? this.discovery.findInventoryModels() : Promise.resolve([]),
      fields.declaredLicense ? this.discovery.licenseExists(fields.declaredLicense) : Promise.resolve(false),
      draft.providerName ? this.discovery.findProviderByName(draft.providerName) : Promise.resolve(null),
    ]);
    const index = new InventoryIndex(models);
    return {
      ...rest,
      provider,
      licenseInCatalog,
      fields: {
        familyName: fields.familyName ?? null,
        versionName: fields.versionName ?? null,
        supplier: fields.supplier ?? null,
        distribution: fields.distribution ?? null,
        huggingFaceRepo: fields.huggingFaceRepo ?? null,
        sourceUrl: fields.sourceUrl ?? null,
        modelCardUrl: fields.modelCardUrl ?? null,
        parameterCount: fields.parameterCount ?? null,
        modalities: fields.modalities ?? null,
        task: fields.task ?? null,
        declaredLicense: fields.declaredLicense ?? null,
        weightsSha256: null,
      },
      bases: bases.map((base) => {
        const { model } = index.match({ kind: 'HUGGING_FACE', reference: base.repo, sha256: null, fileName: null });
        return {
          ...base,
          modelVersion: model
            ? {
                id: model.id,
                key: model.key,
                versionName: model.versionName,
                familyName: model.familyName,
                provider: model.providerName,
                retired: model.retired,
              }
            : null,
        };
      }),
    };
  }

  private async resolveHosting(input: MatchModelReferencesInput): Promise<HostingFactsRow | null> {
    if (!input.hostingTargetId && !input.hostingTarget) return null;
    const target = await this.policies.findHosting(
      input.hostingTargetId ? { id: input.hostingTargetId } : { name: { equals: input.hostingTarget!, mode: 'insensitive' } },
    );
    if (!target || target.retiredAt) {
      throw new ValidationError([
        {
          field: input.hostingTargetId ? 'input.hostingTargetId' : 'input.hostingTarget',
          reason: 'matches no hosting target in the inventory that is not retired',
        },
      ]);
    }
    return target;
  }
}

function unknown(outcome: MatchOutcome): Pick<ReferenceMatch, 'status' | 'matchedBy' | 'modelVersion' | 'reasons' | 'hint'> {
  return { status: 'UNKNOWN', matchedBy: null, modelVersion: null, reasons: [], hint: outcome.hint };
}
