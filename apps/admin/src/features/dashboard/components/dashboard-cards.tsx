import { LineChart } from '@mantine/charts';
import type { HostingMode, LicenseClass } from '@modelgate/domain/inventory';
import type { DashboardQuery, RiskTier } from '../../../gql/graphql';
import { riskTierLabels } from '../../approvals/labels';
import { approvalStateLabels, countryLabel, hostingModeLabels, licenseClassLabels } from '../../inventory/labels';
import { decisionLabels, violationKindLabels } from '../../policies/labels';
import { formatNumber, leaders, plural, shortDay } from '../format';
import type { DashboardCardId } from '../layout';
import { inventoryTargets, type CardLinks, type DashboardLink } from '../links';
import { CountBarChart, type CountBar } from './count-bar-chart';
import { DashboardCard, type TableAlternative } from './dashboard-card';
import { TargetLink } from './target-link';

export type DashboardData = DashboardQuery['dashboard'];
type StateCounts = DashboardData['approvalsByState'];

/** Charts stay readable with this many bars; the table lists every value. */
const MAX_BARS = 10;
const NOT_IN_USE = 'No model version is in use yet.';
const RISK_ORDER: readonly string[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'NONE'];
const OPEN_STATES: readonly string[] = ['SUBMITTED', 'IN_REVIEW'];

const riskTierLabel = (tier: string) => (tier === 'NONE' ? 'Never assessed' : (riskTierLabels[tier as RiskTier] ?? tier));
const days = (count: number) => plural(count, 'day');

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
        note: ` The chart shows the ${MAX_BARS} largest; the table lists all ${formatNumber(bars.length)}.`,
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
  return (
    <DashboardCard
      testId={testId}
      title={title}
      summary={versionsInUse === 0 ? NOT_IN_USE : `${intro} ${leaders(bars)}.${note}`}
      table={countTable(valueHeader, 'Model versions in use', bars)}
      link={link}
      empty={versionsInUse === 0 && NOT_IN_USE}
    >
      <CountBarChart bars={shown} seriesLabel="Model versions in use" />
    </DashboardCard>
  );
}

function stateTable(states: StateCounts): TableAlternative {
  return {
    columns: ['State', 'Requests', 'Oldest (days since submitted)', 'Median (days)'],
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
      title="CI gate decisions per day"
      summary={
        none
          ? 'The gate has not been asked anything in the last 30 days.'
          : `Last 30 days (UTC): ${plural(allowed, 'decision')} allowed, ${formatNumber(reviewRequired)} review required, ${formatNumber(denied)} denied.`
      }
      table={{
        columns: ['Day (UTC)', decisionLabels.ALLOW, decisionLabels.REVIEW_REQUIRED, decisionLabels.DENY],
        rows: perDay.map((day) => ({
          key: day.day,
          cells: [day.day, formatNumber(day.allow), formatNumber(day.reviewRequired), formatNumber(day.deny)],
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
        label: countryLabel(row.key),
        count: row.count,
        target: inventoryTargets.developerCountry(row.key),
      }));
      return (
        <InUseCard
          testId="dashboard-developer-country"
          title="Model versions in use by developer country"
          valueHeader="Developer country"
          intro={`${plural(data.versionsInUse, 'model version')} in use, from ${plural(bars.length, 'country', 'countries')}:`}
          bars={bars}
          versionsInUse={data.versionsInUse}
          link={links.inUse}
        />
      );
    }
    case 'effectiveOrigin': {
      const bars = data.inUseByEffectiveOrigin.map((row) => ({
        key: row.key,
        label: countryLabel(row.key),
        count: row.count,
        target: inventoryTargets.effectiveOrigin(row.key),
      }));
      return (
        <InUseCard
          testId="dashboard-effective-origin"
          title="Model versions in use by effective origin"
          valueHeader="Effective origin"
          intro="Every country along a version's lineage counts, so a fine-tune of a foreign base model shows under both:"
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
          title="Model versions in use by license class"
          valueHeader="License class"
          intro="By what limits commercial use most:"
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
          title="Model versions in use by hosting mode"
          valueHeader="Hosting mode"
          intro="Where their active deployments run (a version hosted several ways counts once for each):"
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
          title="Model versions in use by risk tier"
          valueHeader="Risk tier of the latest approval request"
          intro="The tier of each version's latest approval request:"
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
          title="Approval requests by state"
          summary={
            total === 0
              ? 'No approval request yet.'
              : `${plural(total, 'request')}: ${leaders(stateBars(states), states.length)}. Ages count from submission (drafts: from creation).`
          }
          table={stateTable(states)}
          link={links.approvalsByState}
          empty={total === 0 && 'Nothing to chart yet.'}
        >
          <CountBarChart bars={stateBars(states)} seriesLabel="Requests" />
        </DashboardCard>
      );
    }
    case 'waitingForDecision': {
      const ages = data.openApprovalsByAge;
      const bars: CountBar[] = [
        { key: 'under7Days', label: 'Under 7 days', count: ages.under7Days },
        { key: 'from7To30Days', label: '7 to 30 days', count: ages.from7To30Days },
        { key: 'over30Days', label: 'Over 30 days', count: ages.over30Days },
      ];
      const total = ages.under7Days + ages.from7To30Days + ages.over30Days;
      const oldest = Math.max(
        0,
        ...data.approvalsByState.filter((row) => OPEN_STATES.includes(row.state)).map((row) => row.oldestAgeDays),
      );
      return (
        <DashboardCard
          testId="dashboard-waiting-for-decision"
          title="Requests waiting for a decision, by age"
          summary={
            total === 0
              ? 'No request is waiting for a decision.'
              : `${plural(total, 'request')} submitted or in review; ${formatNumber(ages.over30Days)} waiting for more than 30 days, the oldest for ${days(oldest)}.`
          }
          table={countTable('Waiting since submission', 'Requests', bars)}
          link={links.waitingForDecision}
          empty={total === 0 && 'Nothing is waiting.'}
        >
          <CountBarChart bars={bars} seriesLabel="Requests" />
        </DashboardCard>
      );
    }
    case 'expiring': {
      const expiring = data.approvalsExpiring;
      const bars: CountBar[] = [
        { key: 'within30Days', label: 'Within 30 days', count: expiring.within30Days },
        { key: 'within60Days', label: 'Within 60 days', count: expiring.within60Days },
        { key: 'within90Days', label: 'Within 90 days', count: expiring.within90Days },
      ];
      return (
        <DashboardCard
          testId="dashboard-expiring"
          title="Approvals expiring"
          summary={`${plural(expiring.within30Days, 'approval')} ${expiring.within30Days === 1 ? 'ends' : 'end'} within 30 days, ${formatNumber(expiring.within60Days)} within 60 and ${formatNumber(expiring.within90Days)} within 90 (each window includes the shorter ones).`}
          table={countTable('Validity ends', 'Approvals', bars)}
          link={links.expiring}
        >
          <CountBarChart bars={bars} seriesLabel="Approvals" />
        </DashboardCard>
      );
    }
    case 'myRequests': {
      const states = data.viewerWork.approvalRequestsByState;
      const total = states.reduce((sum, row) => sum + row.count, 0);
      return (
        <DashboardCard
          testId="dashboard-my-requests"
          title="My approval requests"
          summary={
            total === 0
              ? 'You have not requested approval of a model version yet.'
              : `${plural(total, 'request')} you made; ${formatNumber(openCount(states))} waiting for a decision.`
          }
          table={stateTable(states)}
          link={links.myRequests}
          empty={total === 0 && 'Nothing to chart yet.'}
        >
          <CountBarChart bars={stateBars(states)} seriesLabel="Requests" />
        </DashboardCard>
      );
    }
    case 'violations': {
      const { total, byKind } = data.openViolations;
      const bars = byKind.map((row) => ({ key: row.key, label: violationKindLabels[row.key] ?? row.key, count: row.count }));
      return (
        <DashboardCard
          testId="dashboard-violations"
          title="Open policy violations"
          summary={
            total === 0 ? 'No deployment violates the policy in force.' : `${plural(total, 'open violation')}: ${leaders(bars)}.`
          }
          table={countTable('Kind', 'Open violations', bars)}
          link={links.violations}
          empty={total === 0 && 'Nothing to chart.'}
        >
          <CountBarChart bars={bars} seriesLabel="Open violations" />
        </DashboardCard>
      );
    }
    case 'exceptions': {
      const exceptions = data.exceptions;
      const bars: CountBar[] = [
        { key: 'awaitingDecision', label: 'Awaiting decision', count: exceptions.awaitingDecision },
        { key: 'active', label: 'Active', count: exceptions.active },
        { key: 'expiringWithin30Days', label: 'Active, ending within 30 days', count: exceptions.expiringWithin30Days },
        { key: 'expired', label: 'Expired', count: exceptions.expired },
      ];
      return (
        <DashboardCard
          testId="dashboard-exceptions"
          title="Policy exceptions"
          summary={`${plural(exceptions.active, 'active exception')} (${formatNumber(exceptions.expiringWithin30Days)} ending within 30 days), ${formatNumber(exceptions.awaitingDecision)} awaiting a decision, ${formatNumber(exceptions.expired)} expired.`}
          table={countTable('Exceptions', 'Count', bars)}
          link={links.exceptions}
        >
          <CountBarChart bars={bars} seriesLabel="Exceptions" />
        </DashboardCard>
      );
    }
    case 'gateDecisions':
      return <GateDecisionsCard data={data} links={links} />;
  }
}
