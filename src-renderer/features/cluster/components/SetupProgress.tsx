// The live run: a bar from the latest event's step/steps and every message so far, with its node.
import { progressLine, type SetupLog } from '../lib/setup-draft';

export function SetupProgress({ log, running }: { log: SetupLog; running: boolean }) {
  const latest = log.latest;
  return (
    <section className="cluster-setup__result" aria-label="Set-up run" data-testid="cluster-setup-progress">
      <div className="cluster-setup__bar">
        <progress
          className="cluster-setup__progress"
          aria-label="Set-up progress"
          max={Math.max(latest?.steps ?? 1, 1)}
          value={latest?.step ?? 0}
        />
        <span className="numeric" data-testid="cluster-setup-step">
          {latest ? `Step ${latest.step} of ${latest.steps}: ${latest.phase}` : running ? 'Starting…' : 'No progress reported'}
        </span>
      </div>
      {log.entries.length > 0 ? (
        <ol className="mono cluster-setup__log" aria-label="Set-up log" aria-live={running ? 'polite' : 'off'}>
          {log.entries.map((event, index) => (
            <li key={index} data-phase={event.phase} data-node={event.node ?? ''}>{progressLine(event)}</li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
