import { LineChart } from '@mantine/charts';
import type { HostingMode, LicenseClass } from '@modelgate/domain/inventory';
import type { DashboardQuery, RiskTier } from '../../../gql/graphql';
import { riskTierLabels } from '../../approvals/labels';
import { formatCountry, formatDay } from '../../../i18n/format';
import { approvalStateLabels, hostingModeLabels, licenseClassLabels } from '../../inventory/labels';
import { decisionLabels, violationKindLabels } from '../../policies/labels';
import { formatNumber, leaders, shortDay } from '../format';
import type { DashboardCardId } from '../layout';
import { inventoryTargets, type CardLinks, type DashboardLink } from '../links';
import { t } from '../messages';
import { CountBarChart, type CountBar } from './count-bar-chart';
import { DashboardCard, type TableAlternative } from './dashboard-card';
import { TargetLink } from './target-link';

export type DashboardData = DashboardQuery['dashboard'];
type StateCounts = DashboardData['approvalsByState'];

/** Charts stay readable with this many bars; the table lists every value. */
const MAX_BARS = 10;
const RISK_ORDER: readonly string[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'NONE'];
const OPEN_STATES: readonly string[] = ['SUBMITTED', 'IN_REVIEW'];

const riskTierLabel = (tier: string) =>
  tier === 'NONE' ? t('dashboard.riskTier.none') : (riskTierLabels[tier as RiskTier] ?? tier);
const days = (count: number) => t('dashboard.count.days', { count });
const requests = (count: number) => t('dashboard.count.requests', { count });

function countTable(valueHeader: string, countHeader: string, bars: readonly CountBar[]): TableAlternative {
  return {
    columns: [valueHeader, countHeader],
    rows: bars.map((bar) => ({
      key: bar.key,
      cells: [bar.target ? <TargetLink target={bar.target}>{bar.label}</TargetLink> : bar.label, formatNumber(bar.count)],
    })),
  };
}

function chartedBars(bars: readonly CountBar[]): { shown: readonly CountBar[]; note: string } {
  const hidden = bars.length - MAX_BARS;
  return hidden > 0
    ? {
        shown: bars.slice(0, MAX_BARS),
        note: t('dashboard.chart.note', { shown: MAX_BARS, count: bars.length }),
      }
    : { shown: bars, note: '' };
}

function InUseCard({
  testId,
  title,
  valueHeader,
  bars,
  intro,
  versionsInUse,
  link,
}: {
  testId: string;
  title: string;
  valueHeader: string;
  bars: readonly CountBar[];
  intro: string;
  versionsInUse: number;
  link: DashboardLink;
}) {
  const { shown, note } = chartedBars(bars);
  const notInUse = t('dashboard.inUse.notInUse');
  const summary = [t('dashboard.inUse.summary', { intro, leaders: leaders(bars) }), note].filter(Boolean).join(' ');
  return (
    <DashboardCard
      testId={testId}
      title={title}
      summary={versionsInUse === 0 ? notInUse : summary}
      table={countTable(valueHeader, t('dashboard.inUse.countHeader'), bars)}
      link={link}
      empty={versionsInUse === 0 && notInUse}
    >
      <CountBarChart bars={shown} seriesLabel={t('dashboard.inUse.seriesLabel')} />
    </DashboardCard>
  );
}

function stateTable(states: StateCounts): TableAlternative {
  return {
    columns: [
      t('dashboard.states.state'),
      t('dashboard.states.requests'),
      t('dashboard.states.oldest'),
      t('dashboard.states.median'),
    ],
    rows: states.map((row) => ({
      key: row.state,
      cells: [
        approvalStateLabels[row.state] ?? row.state,
        formatNumber(row.count),
        formatNumber(row.oldestAgeDays),
        formatNumber(row.medianAgeDays),
      ],
    })),
  };
}

const stateBars = (states: StateCounts): CountBar[] =>
  states.map((row) => ({ key: row.state, label: approvalStateLabels[row.state] ?? row.state, count: row.count }));

const openCount = (states: StateCounts) =>
  states.filter((row) => OPEN_STATES.includes(row.state)).reduce((sum, row) => sum + row.count, 0);

function GateDecisionsCard({ data, links }: { data: DashboardData; links: CardLinks }) {
  const perDay = data.gateDecisionsPerDay;
  const total = (pick: (day: (typeof perDay)[number]) => number) => perDay.reduce((sum, day) => sum + pick(day), 0);
  const allowed = total((day) => day.allow);
  const reviewRequired = total((day) => day.reviewRequired);
  const denied = total((day) => day.deny);
  const none = allowed + reviewRequired + denied === 0;
  return (
    <DashboardCard
      testId="dashboard-gate-decisions"
      title={t('dashboard.gate.title')}
      summary={
        none
          ? t('dashboard.gate.none')
          : t('dashboard.gate.summary', {
              allowed: t('dashboard.count.decisions', { count: allowed }),
              reviewRequired,
              denied,
            })
      }
      table={{
        columns: [t('dashboard.gate.day'), decisionLabels.ALLOW, decisionLabels.REVIEW_REQUIRED, decisionLabels.DENY],
        rows: perDay.map((day) => ({
          key: day.day,
          cells: [
            formatDay(`${day.day}T00:00:00Z`, 'UTC'),
            formatNumber(day.allow),
            formatNumber(day.reviewRequired),
            formatNumber(day.deny),
          ],
        })),
      }}
      link={links.gateDecisions}
    >
      {/* Each line has its own dash pattern, so the answers are told apart without colour. */}
      <LineChart
        h={220}
        data={perDay.map((day) => ({ ...day, label: shortDay(day.day) }))}
        dataKey="label"
        curveType="linear"
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        yAxisProps={{ allowDecimals: false }}
        // Shades with 3:1 against both themes' backgrounds (WCAG 1.4.11); the dash patterns tell the lines apart without colour.
        series={[
          { name: 'allow', label: decisionLabels.ALLOW, color: 'teal.7' },
          { name: 'reviewRequired', label: decisionLabels.REVIEW_REQUIRED, color: 'yellow.9', strokeDasharray: '6 4' },
          { name: 'deny', label: decisionLabels.DENY, color: 'red.6', strokeDasharray: '2 3' },
        ]}
      />
    </DashboardCard>
  );
}

/** One card of the overview, by id: its chart, its figures in words and as a table, and the list behind it. */
export function DashboardCardView({ id, data, links }: { id: DashboardCardId; data: DashboardData; links: CardLinks }) {
  switch (id) {
    case 'developerCountry': {
      const bars = data.inUseByDeveloperCountry.map((row) => ({
        key: row.key,
        label: formatCountry(row.key),
        count: row.count,
        target: inventoryTargets.developerCountry(row.key),
      }));
      return (
        <InUseCard
          testId="dashboard-developer-country"
          title={t('dashboard.developerCountry.title')}
          valueHeader={t('dashboard.developerCountry.header')}
          intro={t('dashboard.developerCountry.intro', {
            versions: t('dashboard.count.modelVersions', { count: data.versionsInUse }),
            countries: t('dashboard.count.countries', { count: bars.length }),
          })}
          bars={bars}
          versionsInUse={data.versionsInUse}
          link={links.inUse}
        />
      );
    }
    case 'effectiveOrigin': {
      const bars = data.inUseByEffectiveOrigin.map((row) => ({
        key: row.key,
        label: formatCountry(row.key),
        count: row.count,
        target: inventoryTargets.effectiveOrigin(row.key),
      }));
      return (
        <InUseCard
          testId="dashboard-effective-origin"
          title={t('dashboard.effectiveOrigin.title')}
          valueHeader={t('dashboard.effectiveOrigin.header')}
          intro={t('dashboard.effectiveOrigin.intro')}
          bars={bars}
          versionsInUse={data.versionsInUse}
          link={links.inUse}
        />
      );
    }
    case 'licenseClass': {
      const bars = data.inUseByLicenseClass.map((row) => ({
        key: row.key,
        label: licenseClassLabels[row.key as LicenseClass] ?? row.key,
        count: row.count,
        target: inventoryTargets.licenseClass(row.key as LicenseClass),
      }));
      return (
        <InUseCard
          testId="dashboard-license-class"
          title={t('dashboard.licenseClass.title')}
          valueHeader={t('dashboard.licenseClass.header')}
          intro={t('dashboard.licenseClass.intro')}
          bars={bars}
          versionsInUse={data.versionsInUse}
          link={links.inUse}
        />
      );
    }
    case 'hostingMode': {
      const bars = data.inUseByHostingMode.map((row) => ({
        key: row.key,
        label: hostingModeLabels[row.key as HostingMode] ?? row.key,
        count: row.count,
        target: inventoryTargets.hostingMode(row.key as HostingMode),
      }));
      return (
        <InUseCard
          testId="dashboard-hosting-mode"
          title={t('dashboard.hostingMode.title')}
          valueHeader={t('dashboard.hostingMode.header')}
          intro={t('dashboard.hostingMode.intro')}
          bars={bars}
          versionsInUse={data.versionsInUse}
          link={links.inUse}
        />
      );
    }
    case 'riskTier': {
      const bars = [...data.inUseByRiskTier]
        .sort((a, b) => RISK_ORDER.indexOf(a.key) - RISK_ORDER.indexOf(b.key))
        .map((row) => ({ key: row.key, label: riskTierLabel(row.key), count: row.count }));
      return (
        <InUseCard
          testId="dashboard-risk-tier"
          title={t('dashboard.riskTier.title')}
          valueHeader={t('dashboard.riskTier.header')}
          intro={t('dashboard.riskTier.intro')}
          bars={bars}
          versionsInUse={data.versionsInUse}
          link={links.riskTiers}
        />
      );
    }
    case 'approvalsByState': {
      const states = data.approvalsByState;
      const total = states.reduce((sum, row) => sum + row.count, 0);
      return (
        <DashboardCard
          testId="dashboard-approvals-by-state"
          title={t('dashboard.approvalsByState.title')}
          summary={
            total === 0
              ? t('dashboard.approvalsByState.none')
              : t('dashboard.approvalsByState.summary', {
                  requests: requests(total),
                  leaders: leaders(stateBars(states), states.length),
                })
          }
          table={stateTable(states)}
          link={links.approvalsByState}
          empty={total === 0 && t('dashboard.nothingToChart')}
        >
          <CountBarChart bars={stateBars(states)} seriesLabel={t('dashboard.states.requests')} />
        </DashboardCard>
      );
    }
    case 'waitingForDecision': {
      const ages = data.openApprovalsByAge;
      const bars: CountBar[] = [
        { key: 'under7Days', label: t('dashboard.waiting.under7Days'), count: ages.under7Days },
        { key: 'from7To30Days', label: t('dashboard.waiting.from7To30Days'), count: ages.from7To30Days },
        { key: 'over30Days', label: t('dashboard.waiting.over30Days'), count: ages.over30Days },
      ];
      const total = ages.under7Days + ages.from7To30Days + ages.over30Days;
      const oldest = Math.max(
        0,
        ...data.approvalsByState.filter((row) => OPEN_STATES.includes(row.state)).map((row) => row.oldestAgeDays),
      );
      return (
        <DashboardCard
          testId="dashboard-waiting-for-decision"
          title={t('dashboard.waiting.title')}
          summary={
            total === 0
              ? t('dashboard.waiting.none')
              : t('dashboard.waiting.summary', { requests: requests(total), over30: ages.over30Days, oldest: days(oldest) })
          }
          table={countTable(t('dashboard.waiting.header'), t('dashboard.waiting.countHeader'), bars)}
          link={links.waitingForDecision}
          empty={total === 0 && t('dashboard.waiting.empty')}
        >
          <CountBarChart bars={bars} seriesLabel={t('dashboard.waiting.countHeader')} />
        </DashboardCard>
      );
    }
    case 'expiring': {
      const expiring = data.approvalsExpiring;
      const bars: CountBar[] = [
        { key: 'within30Days', label: t('dashboard.expiring.within30Days'), count: expiring.within30Days },
        { key: 'within60Days', label: t('dashboard.expiring.within60Days'), count: expiring.within60Days },
        { key: 'within90Days', label: t('dashboard.expiring.within90Days'), count: expiring.within90Days },
      ];
      return (
        <DashboardCard
          testId="dashboard-expiring"
          title={t('dashboard.expiring.title')}
          summary={t('dashboard.expiring.summary', {
            count: expiring.within30Days,
            within60: expiring.within60Days,
            within90: expiring.within90Days,
          })}
          table={countTable(t('dashboard.expiring.header'), t('dashboard.expiring.countHeader'), bars)}
          link={links.expiring}
        >
          <CountBarChart bars={bars} seriesLabel={t('dashboard.expiring.countHeader')} />
        </DashboardCard>
      );
    }
    case 'myRequests': {
      const states = data.viewerWork.approvalRequestsByState;
      const total = states.reduce((sum, row) => sum + row.count, 0);
      return (
        <DashboardCard
          testId="dashboard-my-requests"
          title={t('dashboard.myRequests.title')}
          summary={
            total === 0
              ? t('dashboard.myRequests.none')
              : t('dashboard.myRequests.summary', { requests: requests(total), open: openCount(states) })
          }
          table={stateTable(states)}
          link={links.myRequests}
          empty={total === 0 && t('dashboard.nothingToChart')}
        >
          <CountBarChart bars={stateBars(states)} seriesLabel={t('dashboard.states.requests')} />
        </DashboardCard>
      );
    }
    case 'violations': {
      const { total, byKind } = data.openViolations;
      const bars = byKind.map((row) => ({ key: row.key, label: violationKindLabels[row.key] ?? row.key, count: row.count }));
      return (
        <DashboardCard
          testId="dashboard-violations"
          title={t('dashboard.violations.title')}
          summary={
            total === 0
              ? t('dashboard.violations.none')
              : t('dashboard.violations.summary', {
                  violations: t('dashboard.count.openViolations', { count: total }),
                  leaders: leaders(bars),
                })
          }
          table={countTable(t('dashboard.violations.header'), t('dashboard.violations.countHeader'), bars)}
          link={links.violations}
          empty={total === 0 && t('dashboard.violations.empty')}
        >
          <CountBarChart bars={bars} seriesLabel={t('dashboard.violations.countHeader')} />
        </DashboardCard>
      );
    }
    case 'exceptions': {
      const exceptions = data.exceptions;
      const bars: CountBar[] = [
        { key: 'awaitingDecision', label: t('dashboard.exceptions.awaitingDecision'), count: exceptions.awaitingDecision },
        { key: 'active', label: t('dashboard.exceptions.active'), count: exceptions.active },
        {
          key: 'expiringWithin30Days',
          label: t('dashboard.exceptions.expiringWithin30Days'),
          count: exceptions.expiringWithin30Days,
        },
        { key: 'expired', label: t('dashboard.exceptions.expired'), count: exceptions.expired },
      ];
      return (
        <DashboardCard
          testId="dashboard-exceptions"
          title={t('dashboard.exceptions.title')}
          summary={t('dashboard.exceptions.summary', {
            active: t('dashboard.count.activeExceptions', { count: exceptions.active }),
            expiring: exceptions.expiringWithin30Days,
            awaiting: exceptions.awaitingDecision,
            expired: exceptions.expired,
          })}
          table={countTable(t('dashboard.exceptions.header'), t('dashboard.exceptions.countHeader'), bars)}
          link={links.exceptions}
        >
          <CountBarChart bars={bars} seriesLabel={t('dashboard.exceptions.header')} />
        </DashboardCard>
      );
    }
    case 'gateDecisions':
      return <GateDecisionsCard data={data} links={links} />;
  }
}
