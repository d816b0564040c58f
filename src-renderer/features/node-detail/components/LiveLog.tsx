// The container's log as it is written. It follows the bottom while new lines come in; "Pause
// scrolling" holds the view still for reading (lines keep arriving), "Follow" goes back down.
import { useLayoutEffect, useRef, useState } from 'react';
import { MAX_LOG_LINES, useLogStream } from '../api/use-log-stream';
import { useNodeDetailView } from '../stores/node-detail-store';

const STATUS_WORDS = {
  starting: 'Connecting to the container log…',
  following: 'Following',
  ended: 'The log stream ended (the container stopped or the connection closed).',
  failed: 'Could not follow the log.',
} as const;

function LogView({ name }: { name: string }) {
  const stream = useLogStream(name);
  const paused = useNodeDetailView((state) => state.logPaused);
  const ref = useRef<HTMLPreElement>(null);

  useLayoutEffect(() => {
    const element = ref.current;
    if (element && !paused) element.scrollTop = element.scrollHeight;
  }, [stream.lines, paused]);

  return (
    <>
      <p className={`live-log__status live-log__status--${stream.status}`} role="status" data-log-status={stream.status}>
        {STATUS_WORDS[stream.status]}
        {stream.lines.length >= MAX_LOG_LINES ? ` Showing the latest ${MAX_LOG_LINES} lines.` : null}
      </p>
      {stream.error ? <p className="form-error" role="alert">{stream.error}</p> : null}
      {stream.status === 'failed' && stream.lines.length === 0 ? null : (
        <pre ref={ref} className="live-log__lines" tabIndex={0} aria-label={`Log of ${name}`} data-testid="live-log">
          {stream.lines.length > 0 ? stream.lines.join('\n') : stream.status === 'following' ? '(no lines yet)' : ''}
        </pre>
      )}
    </>
  );
}

export function LiveLog({ name }: { name: string }) {
  const paused = useNodeDetailView((state) => state.logPaused);
  const togglePaused = useNodeDetailView((state) => state.toggleLogPaused);
  // Bumped to start a fresh stream (after one ended or failed): LogView remounts with an empty log.
  const [attempt, setAttempt] = useState(0);

  return (
    <section className="panel panel--padded live-log" aria-labelledby="live-log-title">
      <div className="section-head">
        <h2 id="live-log-title" className="panel__title">Container log</h2>
        <div className="button-group">
          <button type="button" className="button button--small" aria-pressed={paused} onClick={togglePaused}>
            {paused ? 'Follow new lines' : 'Pause scrolling'}
          </button>
          <button type="button" className="button button--small" onClick={() => setAttempt((n) => n + 1)}>
            Reconnect
          </button>
        </div>
      </div>
      <LogView key={`${name}/${attempt}`} name={name} />
    </section>
  );
}
