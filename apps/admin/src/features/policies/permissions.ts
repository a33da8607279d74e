import type { Role } from '../../gql/graphql';
import { useViewer } from '../session/hooks';

/** What the viewer may do with policies; the API enforces the same (and four eyes), this only hides what would be refused. */
export type PolicyPermissions = {
  viewerId: string | null;
  /** Draft, edit, activate and discard policy versions; grant, reject and revoke exceptions; run the drift sweep. */
  canManage: boolean;
  canRequestException: boolean;
  /** Ask the gate (reading decisions). */
  canAsk: boolean;
};

export function policyPermissions(viewer: { id: string; roles: readonly Role[] } | null): PolicyPermissions {
  const roles = viewer?.roles ?? [];
  const compliance = roles.includes('COMPLIANCE_OFFICER');
  return {
    viewerId: viewer?.id ?? null,
    canManage: compliance,
    canRequestException: compliance || roles.includes('ENGINEER'),
    canAsk: roles.some((role) => role !== 'ADMIN'),
  };
}

export function usePolicyPermissions(): PolicyPermissions {
  const viewer = useViewer();
  return policyPermissions(viewer.data ?? null);
}
