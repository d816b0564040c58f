import { useId } from 'react';
import { useCapacitySeries } from '../../../shared/api/health-queries';
import { CapacityGraph } from '../../../shared/capacity/CapacityGraph';
import { describeForecast } from '../../../shared/capacity/forecast-wording';
import { RangeTabs } from '../../../shared/capacity/RangeTabs';
import { LoadFailed, Loading } from '../../../shared/components/QueryState';
import { useNodeDetailView } from '../stores/node-detail-store';

/** The node's used vs usable free over the chosen range, and when it will be full at this rate. */
export function CapacityHistory({ name, now }: { name: string; now: number }) {
  const range = useNodeDetailView((state) => state.range);
  const setRange = useNodeDetailView((state) => state.setRange);
  const series = useCapacitySeries(name, range);
  const panelId = useId();

  return (
    <section className="panel panel--padded" aria-labelledby={`${panelId}-title`}>
      <div className="section-head">
        <h2 id={`${panelId}-title`} className="panel__title">Capacity over time</h2>
        <RangeTabs value={range} onChange={setRange} panelId={panelId} label={`Time range of ${name}'s graph`} />
      </div>
      <div id={panelId} role="tabpanel" aria-label={`Capacity of ${name}, last ${range}`}>
        {series.isPending ? <Loading what="the capacity graph" /> : null}
        {series.isError ? <LoadFailed what="the capacity graph" error={series.error} onRetry={() => void series.refetch()} /> : null}
        {series.data ? (
          <>
            <p className="forecast" data-testid="forecast">{describeForecast(series.data.forecast, now)}</p>
            <CapacityGraph points={series.data.points} label={`Capacity of ${name}`}
              emptyText="No samples in this range yet. The graph fills in as Pinfleet polls this node." />
          </>
        ) : null}
      </div>
    </section>
  );
}
