import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { HeadlineFigureId } from '../layout';
import type { CardLinks, DashboardLink } from '../links';
import { formatNumber } from '../format';
import { t } from '../messages';
import type { DashboardData } from './dashboard-cards';
import { TargetLink } from './target-link';

type Figure = { label: string; value: number; link: DashboardLink };

function figureOf(id: HeadlineFigureId, data: DashboardData, links: CardLinks): Figure {
  switch (id) {
    case 'versionsInUse':
      return { label: t('dashboard.figure.versionsInUse'), value: data.versionsInUse, link: links.inUse };
    case 'waitingForDecision': {
      const ages = data.openApprovalsByAge;
      return {
        label: t('dashboard.figure.waitingForDecision'),
        value: ages.under7Days + ages.from7To30Days + ages.over30Days,
        link: links.waitingForDecision,
      };
    }
    case 'expiringWithin30Days':
      return {
        label: t('dashboard.figure.expiringWithin30Days'),
        value: data.approvalsExpiring.within30Days,
        link: links.expiring,
      };
    case 'openViolations':
      return { label: t('dashboard.figure.openViolations'), value: data.openViolations.total, link: links.violations };
    case 'activeExceptions':
      return { label: t('dashboard.figure.activeExceptions'), value: data.exceptions.active, link: links.exceptions };
    case 'reviewsWaiting':
      return {
        label: t('dashboard.figure.reviewsWaiting'),
        value: data.viewerWork.reviewsWaiting,
        link: { target: { to: '/approvals', search: { tab: 'queue' } }, label: t('dashboard.link.reviewQueue') },
      };
    case 'myOpenRequests':
      return {
        label: t('dashboard.figure.myOpenRequests'),
        value: data.viewerWork.approvalRequestsByState
          .filter((row) => row.state === 'SUBMITTED' || row.state === 'IN_REVIEW')
          .reduce((sum, row) => sum + row.count, 0),
        link: links.myRequests,
      };
  }
}

/** The few numbers each role checks first, as text: each names what it counts and links to the list. */
export function HeadlineFigures({
  figures,
  data,
  links,
}: {
  figures: readonly HeadlineFigureId[];
  data: DashboardData;
  links: CardLinks;
}) {
  return (
    <SimpleGrid
      cols={{ base: 2, sm: 3, lg: figures.length > 5 ? 6 : 5 }}
      component="ul"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
    >
      {figures.map((id) => {
        const figure = figureOf(id, data, links);
        return (
          <Paper key={id} component="li" withBorder p="md" data-testid={`figure-${id}`}>
            <Text fz={28} fw={700} lh={1.2}>
              {formatNumber(figure.value)}
            </Text>
            <TargetLink target={figure.link.target}>{figure.label}</TargetLink>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
