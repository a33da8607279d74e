import { Badge, Group, Text } from '@mantine/core';
import { DateTime } from '../../../components/date-time';
import type { ApprovalState, RiskTier } from '../../../gql/graphql';
import { approvalStateLabels } from '../../inventory/labels';
import type { Explanation } from '../explanations';
import { approvalStateColors, riskTierColors, riskTierLabels } from '../labels';
import { t } from '../messages';
import { Separator } from './separator';

/**
 * Badges in narrow table cells wrap between their words instead of cutting them off, and never inside a word (the
 * table cells allow breaking anywhere, which would split "Approved" into "Appro ved").
 */
const wrapping = {
  root: { height: 'auto', maxWidth: 'none' },
  label: { whiteSpace: 'normal', overflow: 'visible', overflowWrap: 'break-word' },
} as const;

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
        {t('approvals.tier.unknown')}
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

/** The short "why" beside a state or tier, with the day it refers to (the full instant on hover). */
export function Why({ explanation, lineClamp }: { explanation: Explanation | string; lineClamp?: number }) {
  const { text, at } = typeof explanation === 'string' ? { text: explanation, at: null } : explanation;
  return (
    <Text size="xs" c="dimmed" lineClamp={lineClamp} style={{ whiteSpace: 'pre-line' }}>
      {text}
      {at && (
        <>
          <Separator />
          <DateTime value={at} format="day" />
        </>
      )}
    </Text>
  );
}
