import { Badge, Group } from '@mantine/core';
import type { ApprovalState, RiskTier } from '../../../gql/graphql';

/** Badges in narrow table cells wrap their words instead of cutting them off. */
const wrapping = { root: { height: 'auto', maxWidth: 'none' }, label: { whiteSpace: 'normal', overflow: 'visible' } } as const;
import { approvalStateLabels } from '../../inventory/labels';
import { approvalStateColors, riskTierColors, riskTierLabels } from '../labels';

export function ApprovalStateBadge({ state }: { state: ApprovalState }) {
  return (
    <Badge color={approvalStateColors[state]} variant="light" tt="none" styles={wrapping} data-testid="approval-state">
      {approvalStateLabels[state]}
    </Badge>
  );
}

/** "Tier not yet known" until a review is signed off: the tier is derived, never typed in. */
export function RiskTierBadge({ tier }: { tier: RiskTier | null | undefined }) {
  if (!tier) {
    return (
      <Badge color="gray" variant="outline" tt="none" styles={wrapping}>
        Tier not yet known
      </Badge>
    );
  }
  return (
    <Badge color={riskTierColors[tier]} variant="light" tt="none" styles={wrapping}>
      {riskTierLabels[tier]}
    </Badge>
  );
}

export function RequestBadges({ state, tier }: { state: ApprovalState; tier: RiskTier | null | undefined }) {
  return (
    <Group gap={6}>
      <ApprovalStateBadge state={state} />
      <RiskTierBadge tier={tier} />
    </Group>
  );
}
