import type { Prisma } from '@modelgate/db';

/**
 * Who to tell: the people a workflow notifies, read inside the caller's transaction. Shared by the
 * domains that notify (approvals, policies) so "who is a compliance officer" is answered once.
 */
export async function complianceOfficerIds(tx: Prisma.TransactionClient): Promise<string[]> {
  const rows = await tx.user.findMany({
    where: { roles: { has: 'COMPLIANCE_OFFICER' }, disabledAt: null },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

export async function teamMemberIds(tx: Prisma.TransactionClient, teamId: string): Promise<string[]> {
  const rows = await tx.teamMembership.findMany({ where: { teamId, user: { disabledAt: null } }, select: { userId: true } });
  return rows.map((row) => row.userId);
}
