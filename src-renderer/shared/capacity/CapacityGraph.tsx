// The capacity chart, loaded on first use: recharts is most of the renderer's weight and only
// the pages with a graph need it, so it comes in its own chunk (same origin, so the CSP allows it).
import { lazy, Suspense, type ComponentProps } from 'react';

const CapacityChart = lazy(() => import('./CapacityChart').then((module) => ({ default: module.CapacityChart })));

export function CapacityGraph(props: ComponentProps<typeof CapacityChart>) {
  return (
    <Suspense fallback={<p className="muted" role="status">Drawing the graph…</p>}>
      <CapacityChart {...props} />
    </Suspense>
  );
}
