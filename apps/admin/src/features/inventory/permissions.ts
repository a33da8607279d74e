import type { Role } from '../../gql/graphql';
import { useViewer } from '../session/hooks';

/** What the viewer may do in the inventory; the API enforces the same rules, this only hides what would be refused. */
export type InventoryPermissions = {
  canRegister: boolean;
  canRetire: boolean;
  canImport: boolean;
  /** Compliance registers deployments for every team; engineers only for their own. */
  canDeployForAnyTeam: boolean;
  canDeploy: boolean;
  ownTeams: readonly { id: string; name: string }[];
};

export function inventoryPermissions(
  roles: readonly Role[],
  teams: readonly { id: string; name: string }[],
): InventoryPermissions {
  const compliance = roles.includes('COMPLIANCE_OFFICER');
  const engineer = roles.includes('ENGINEER');
  return {
    canRegister: compliance || engineer,
    canRetire: compliance,
    canImport: compliance || engineer,
    canDeployForAnyTeam: compliance,
    canDeploy: compliance || (engineer && teams.length > 0),
    ownTeams: teams,
  };
}

export function useInventoryPermissions(): InventoryPermissions {
  const viewer = useViewer();
  return inventoryPermissions(viewer.data?.roles ?? [], viewer.data?.teams ?? []);
}
