import type { DataClassification, Environment } from '@modelgate/domain/inventory';
import { whyNotCovered, type ApprovalOnRecord } from '@modelgate/domain/policy';

export type UseWithoutHosting = {
  environment: Environment;
  dataClassification: DataClassification;
  personalData: boolean;
  teamId: string | null;
  /** The weights checksum of what runs, when known (a weights file found by the scan). */
  weightsSha256: string | null;
  /** The model version's current checksum. */
  currentWeightsSha256: string | null;
  now: Date;
};

/**
 * When the caller names no hosting target: the approval that covers this environment, data and team for
 * at least one hosting mode it allows, judged by the CI gate's own `whyNotCovered` (state, expiry, team,
 * weights, scope, conditions). Policy rules about the hosting target cannot be evaluated without one.
 */
export function approvalCoveringAnyHosting(
  approvals: readonly ApprovalOnRecord[],
  use: UseWithoutHosting,
): { approval: ApprovalOnRecord | null; problems: string[] } {
  const problems: string[] = [];
  for (const approval of approvals) {
    let firstProblem: string | null = null;
    for (const hostingMode of approval.scope.hostingModes) {
      const problem = whyNotCovered(approval, {
        usage: {
          environment: use.environment,
          hostingMode,
          dataClassification: use.dataClassification,
          personalData: use.personalData,
          weightsSha256: use.weightsSha256 ?? use.currentWeightsSha256,
        },
        teamId: use.teamId,
        currentWeightsSha256: use.currentWeightsSha256,
        now: use.now,
      });
      if (problem === null) return { approval, problems: [] };
      firstProblem ??= problem;
    }
    if (firstProblem) problems.push(firstProblem);
  }
  return { approval: null, problems };
}
