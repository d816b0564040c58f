import { useId } from 'react';
import { useCapacitySeries } from '../../../shared/api/health-queries';
import { CapacityGraph } from '../../../shared/capacity/CapacityGraph';
import { describeForecast } from '../../../shared/capacity/forecast-wording';
import { RangeTabs } from '../../../shared/capacity/RangeTabs';
import { LoadFailed, Loading } from '../../../shared/components/QueryState';
import { useFleetView } from '../stores/fleet-view-store';

/** Used vs usable free of the whole fleet over time, with the fleet's forecast. */
export function FleetSeriesPanel({ now }: { now: number }) {
  const range = useFleetView((state) => state.range);
  const setRange = useFleetView((state) => state.setRange);
  const series = useCapacitySeries(null, range);
  const panelId = useId();

  return (
    <section className="panel panel--padded fleet-series" aria-labelledby={`${panelId}-title`}>
      <div className="section-head">
        <h2 id={`${panelId}-title`} className="panel__title">Fleet capacity over time</h2>
        <RangeTabs value={range} onChange={setRange} panelId={panelId} label="Time range of the fleet graph" />
      </div>
      <div id={panelId} role="tabpanel" aria-label={`Fleet capacity, last ${range}`}>
        {series.isPending ? <Loading what="the fleet graph" /> : null}
        {series.isError ? <LoadFailed what="the fleet graph" error={series.error} onRetry={() => void series.refetch()} /> : null}
        {series.data ? (
          <>
            <p className="forecast" data-testid="fleet-forecast">{describeForecast(series.data.forecast, now)}</p>
            <CapacityGraph points={series.data.points} label="The whole fleet"
              emptyText="No samples in this range yet. The graph fills in as Pinfleet polls the fleet." />
          </>
        ) : null}
      </div>
    </section>
  );
}
