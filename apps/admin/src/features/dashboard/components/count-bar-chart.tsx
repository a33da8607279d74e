import { BarChart } from '@mantine/charts';
import { formatNumber } from '../format';
import type { DashboardTarget } from '../links';
import { useFollowTarget } from './target-link';

export type CountBar = { key: string; label: string; count: number; target?: DashboardTarget };

const BAR_HEIGHT = 34;

/** Horizontal bars, one per value, each labelled with its name and number; a bar with a target opens its list. */
export function CountBarChart({ bars, seriesLabel }: { bars: readonly CountBar[]; seriesLabel: string }) {
  const follow = useFollowTarget();
  const clickable = bars.some((bar) => bar.target);
  return (
    <BarChart
      h={Math.max(bars.length * BAR_HEIGHT + 40, 110)}
      data={bars.map((bar) => ({ label: bar.label, count: bar.count }))}
      dataKey="label"
      orientation="vertical"
      series={[{ name: 'count', label: seriesLabel, color: 'indigo.6' }]}
      withBarValueLabel
      valueFormatter={formatNumber}
      gridAxis="none"
      maxBarWidth={24}
      yAxisProps={{ width: 170 }}
      xAxisProps={{ allowDecimals: false }}
      barProps={{
        cursor: clickable ? 'pointer' : undefined,
        onClick: (_, index) => {
          const target = bars[index]?.target;
          if (target) follow(target);
        },
      }}
    />
  );
}
