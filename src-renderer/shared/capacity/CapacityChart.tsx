// Used vs usable free over time, stacked so the top edge is the usable ceiling. Colours come from
// the stylesheet through class names (the chart is SVG; no inline <style> under the CSP).
import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { SeriesPoint } from '../../../src-preload/contract/health-types';
import { formatBytes } from '../lib/format-bytes';
import { formatChartTime, formatTooltipTime, timeGrain } from './chart-format';
import './capacity.css';

interface CapacityChartProps {
  points: readonly SeriesPoint[];
  /** Says what the graph is of, for screen readers. */
  label: string;
  /** What to say when the range holds no samples yet. */
  emptyText: string;
  height?: number;
}

export function CapacityChart({ points, label, emptyText, height = 220 }: CapacityChartProps) {
  if (points.length === 0) {
    return (
      <p className="capacity-chart__empty" data-testid="chart-empty">
        {emptyText}
      </p>
    );
  }
  const latest = points[points.length - 1]!;
  const grain = timeGrain(latest.at - points[0]!.at);
  return (
    <figure className="capacity-chart" data-testid="capacity-chart" data-points={points.length}>
      <AreaChart
        responsive
        className="capacity-chart__svg"
        style={{ width: '100%', height }}
        data={[...points]}
        margin={{ top: 8, right: 12, bottom: 0, left: 8 }}
        accessibilityLayer={false}
      >
        <CartesianGrid className="capacity-chart__grid" vertical={false} />
        <XAxis
          dataKey="at"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          tickFormatter={(at: number) => formatChartTime(at, grain)}
          minTickGap={48}
          className="capacity-chart__axis"
        />
        <YAxis tickFormatter={(bytes: number) => formatBytes(bytes)} width={72} className="capacity-chart__axis" />
        <Tooltip
          labelFormatter={(at) => formatTooltipTime(Number(at))}
          formatter={(value, name) => [formatBytes(Number(value)), name === 'used' ? 'Used' : 'Usable free']}
          wrapperClassName="capacity-chart__tooltip"
        />
        <Area
          type="monotone"
          dataKey="used"
          name="used"
          stackId="capacity"
          className="capacity-chart__used"
          isAnimationActive={false}
          dot={points.length === 1}
        />
        <Area
          type="monotone"
          dataKey="usableFree"
          name="usableFree"
          stackId="capacity"
          className="capacity-chart__free"
          isAnimationActive={false}
          dot={points.length === 1}
        />
      </AreaChart>
      <figcaption className="capacity-chart__caption">
        <span className="capacity__figure">
          <span className="capacity__swatch capacity__swatch--chart-used" aria-hidden="true" />
          Used
        </span>
        <span className="capacity__figure">
          <span className="capacity__swatch capacity__swatch--chart-free" aria-hidden="true" />
          Usable free
        </span>
        <span className="muted">
          {label}: {points.length} {points.length === 1 ? 'sample' : 'samples'}; latest {formatBytes(latest.used)} used,{' '}
          {formatBytes(latest.usableFree)} usable free.
        </span>
      </figcaption>
    </figure>
  );
}
