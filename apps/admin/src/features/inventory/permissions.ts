import type { Role } from '../../gql/graphql';
import { useViewer } from '../session/hooks';

/** What the viewer may do in the inventory; the API enforces the same rules, this only hides what would be refused. */
export type InventoryPermissions = {
  canRegister: boolean;
  /** Attach a weights folder's checksums to a version (`update Model`, like editing it). */
  canAttachWeights: boolean;
  canRetire: boolean;
  canImport: boolean;
  /** Compliance registers deployments for every team; engineers only for their own. */
  canDeployForAnyTeam: boolean;
  canDeploy: boolean;
  ownTeams: readonly { id: string; name: string }[];
  /** Edit or retire a team's deployment: compliance any team's, engineers their own teams'. */
  canChangeDeployment: (teamId: string) => boolean;
  /** Add and edit hosting targets (the `Model` subject, like versions). */
  canEditHostingTargets: boolean;
  /** Retiring a hosting target is, like retiring a version, for compliance. */
  canRetireHostingTargets: boolean;
};

export function inventoryPermissions(
  roles: readonly Role[],
  teams: readonly { id: string; name: string }[],
): InventoryPermissions {
  const compliance = roles.includes('COMPLIANCE_OFFICER');
  const engineer = roles.includes('ENGINEER');
  return {
    canRegister: compliance || engineer,
    canAttachWeights: compliance || engineer,
    canRetire: compliance,
    canImport: compliance || engineer,
    canDeployForAnyTeam: compliance,
    canDeploy: compliance || (engineer && teams.length > 0),
    ownTeams: teams,
    canChangeDeployment: (teamId) => compliance || (engineer && teams.some((team) => team.id === teamId)),
    canEditHostingTargets: compliance || engineer,
    canRetireHostingTargets: compliance,
  };
}

export function useInventoryPermissions(): InventoryPermissions {
  const viewer = useViewer();
  return inventoryPermissions(viewer.data?.roles ?? [], viewer.data?.teams ?? []);
}
