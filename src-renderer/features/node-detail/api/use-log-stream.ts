// Follows a node's container log while the component that uses it is mounted: `logs.follow`
// answers with the tail and a stream id, then `logs.lines` events carry the rest; `logs.stop`
// ends the stream on unmount (or at once, if the follow answers after the unmount). Lines are a
// live stream, not state main could answer again, so they are held here and capped.
import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../../src-preload/contract/contract';
import { useApi } from '../../../shared/api/api-context';
import { useCall } from '../../../shared/api/call';
import { errorMessage } from '../../../shared/api/error-message';

export const MAX_LOG_LINES = 2000;

export type LogStreamStatus = 'starting' | 'following' | 'ended' | 'failed';

export interface LogStream {
  lines: string[];
  status: LogStreamStatus;
  error: string | null;
}

type LogEvent = EventPayload<'logs.lines'>;

function appendCapped(lines: string[], more: readonly string[]): string[] {
  const next = lines.concat(more);
  return next.length > MAX_LOG_LINES ? next.slice(next.length - MAX_LOG_LINES) : next;
}

/** Remount (e.g. with a `key`) to start over: a fresh stream and an empty log. */
export function useLogStream(name: string, tail = 200): LogStream {
  const api = useApi();
  const call = useCall();
  const [stream, setStream] = useState<LogStream>({ lines: [], status: 'starting', error: null });

  useEffect(() => {
    let streamId: string | null = null;
    let unmounted = false;
    // Lines may arrive before logs.follow has answered with the id they carry: keep them until then.
    const early: LogEvent[] = [];
    const take = (event: LogEvent) =>
      setStream((s) => ({
        lines: appendCapped(s.lines, event.lines),
        status: event.ended ? 'ended' : s.status,
        error: s.error,
      }));

    const unsubscribe = api.events.onLogsLines((event) => {
      if (streamId === null) early.push(event);
      else if (event.streamId === streamId) take(event);
    });

    call('logs.follow', { name, tail }).then(
      (answer) => {
        if (unmounted) {
          void call('logs.stop', { streamId: answer.streamId }).catch(() => undefined);
          return;
        }
        streamId = answer.streamId;
        setStream({ lines: appendCapped([], answer.lines), status: 'following', error: null });
        early.filter((event) => event.streamId === answer.streamId).forEach(take);
      },
      (error: unknown) => {
        if (!unmounted) setStream((s) => ({ ...s, status: 'failed', error: errorMessage(error) }));
      },
    );

    return () => {
      unmounted = true;
      unsubscribe();
      if (streamId !== null) void call('logs.stop', { streamId }).catch(() => undefined);
    };
  }, [api, call, name, tail]);

  return stream;
}
