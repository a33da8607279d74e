import type { Role } from '../../gql/graphql';
import { useViewer } from '../session/hooks';
import type { ApprovalTab } from './search';

/** What the viewer may do in approvals; the API enforces the same rules (and separation of duties), this only hides what would be refused. */
export type ApprovalPermissions = {
  viewerId: string | null;
  canRequest: boolean;
  canAssign: boolean;
  canDecide: boolean;
  isComplianceOfficer: boolean;
  reviewCategories: readonly string[];
  ownTeams: readonly { id: string; name: string }[];
  /** Submit, edit or withdraw the request of this team. */
  canChangeRequest: (teamId: string | null | undefined) => boolean;
  tabs: ApprovalTab[];
};

export function approvalPermissions(
  viewer: {
    id: string;
    roles: readonly Role[];
    teams: readonly { id: string; name: string }[];
    reviewCategories: readonly string[];
  } | null,
): ApprovalPermissions {
  const roles = viewer?.roles ?? [];
  const compliance = roles.includes('COMPLIANCE_OFFICER');
  const reviewer = roles.includes('REVIEWER');
  const engineer = roles.includes('ENGINEER');
  const tabs: ApprovalTab[] = [];
  if (engineer || compliance) tabs.push('mine');
  if (reviewer || compliance) tabs.push('queue');
  tabs.push('all', 'expiring');
  return {
    viewerId: viewer?.id ?? null,
    canRequest: compliance || engineer,
    canAssign: compliance,
    canDecide: compliance || reviewer,
    isComplianceOfficer: compliance,
    reviewCategories: viewer?.reviewCategories ?? [],
    ownTeams: viewer?.teams ?? [],
    canChangeRequest: (teamId) =>
      compliance || (engineer && teamId !== null && teamId !== undefined && (viewer?.teams ?? []).some((t) => t.id === teamId)),
    tabs,
  };
}

export function useApprovalPermissions(): ApprovalPermissions {
  const viewer = useViewer();
  return approvalPermissions(viewer.data ?? null);
}
