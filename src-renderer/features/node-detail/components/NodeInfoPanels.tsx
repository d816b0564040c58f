// Repo and disk figures, what kubo says about itself, and its container: each in words, each
// honest about what has not been measured yet.
import type { NodeHealth } from '../../../../src-preload/contract/health-types';
import { bandwidthWords, capacityFigures, containerFigures, NOT_MEASURED, type Figure } from '../lib/node-figures';
import { FigureList } from './FigureList';

function kuboFigures(health: NodeHealth | null): Figure[] {
  return [
    { id: 'kubo-version', label: 'kubo version', value: health?.kuboVersion ?? NOT_MEASURED },
    { id: 'peer-id', label: 'Peer ID', value: health?.peerId ?? NOT_MEASURED },
    { id: 'peers', label: 'Connected peers', value: health?.peers == null ? NOT_MEASURED : String(health.peers) },
    { id: 'bandwidth', label: 'Bandwidth', value: bandwidthWords(health?.bandwidth ?? null) },
    { id: 'latency', label: 'Answered in', value: health?.latencyMs == null ? NOT_MEASURED : `${Math.round(health.latencyMs)} ms` },
  ];
}

export function NodeInfoPanels({ health, now }: { health: NodeHealth | null; now: number }) {
  return (
    <div className="node-panels">
      <section className="panel panel--padded" aria-labelledby="node-storage-title">
        <h2 id="node-storage-title" className="panel__title">Repo and disk</h2>
        <FigureList figures={capacityFigures(health?.capacity ?? null)} label="Repo and disk" />
      </section>
      <section className="panel panel--padded" aria-labelledby="node-kubo-title">
        <h2 id="node-kubo-title" className="panel__title">kubo</h2>
        <FigureList figures={kuboFigures(health)} label="kubo" />
      </section>
      <section className="panel panel--padded" aria-labelledby="node-container-title">
        <h2 id="node-container-title" className="panel__title">Container</h2>
        <FigureList figures={containerFigures(health?.container ?? null, now)} label="Container" />
      </section>
    </div>
  );
}
