// Alerts as they are raised, in a corner of the window: announced politely, each dismissable,
// each gone by itself after a while. Activity keeps the full list.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { AlertEntry } from '../../../../src-preload/contract/health-types';
import { useApi } from '../../../shared/api/api-context';
import { queryKeys } from '../../../shared/api/query-keys';
import { hrefForNode } from '../../../shared/navigation/routes';
import { ALERT_KIND_LABEL, ALERT_KIND_TONE } from '../lib/alert-kind';
import { useAlertToasts } from '../stores/alert-toast-store';
import './activity.css';

const SHOWN_FOR_MS = 12_000;

function AlertToast({ alert }: { alert: AlertEntry }) {
  const dismiss = useAlertToasts((state) => state.dismiss);
  useEffect(() => {
    const timer = window.setTimeout(() => dismiss(alert.id), SHOWN_FOR_MS);
    return () => window.clearTimeout(timer);
  }, [alert.id, dismiss]);
  return (
    <li className={`toast toast--${ALERT_KIND_TONE[alert.kind]}`} data-alert-kind={alert.kind}>
      <div className="toast__text">
        <p>
          <strong>{ALERT_KIND_LABEL[alert.kind]}</strong> · <a href={hrefForNode(alert.node)}>{alert.node}</a>
        </p>
        <p className="toast__message">{alert.message}</p>
      </div>
      <button type="button" className="button button--small" onClick={() => dismiss(alert.id)}
        aria-label={`Dismiss the alert about ${alert.node}`}>
        Dismiss
      </button>
    </li>
  );
}

export function AlertToasts() {
  const api = useApi();
  const queryClient = useQueryClient();
  const toasts = useAlertToasts((state) => state.toasts);
  const push = useAlertToasts((state) => state.push);

  useEffect(
    () =>
      api.events.onAlertsRaised((alert) => {
        push(alert);
        void queryClient.invalidateQueries({ queryKey: queryKeys.alerts.all() });
      }),
    [api, queryClient, push],
  );

  return (
    <section className="toasts" aria-label="New alerts" aria-live="polite">
      {toasts.length > 0 ? (
        <ul className="toasts__list">
          {toasts.map((alert) => <AlertToast key={alert.id} alert={alert} />)}
        </ul>
      ) : null}
    </section>
  );
}
