// The wizard's steps, each with its status, its summary and its live log lines; the running
// step's log is announced politely to screen readers.
import type { ProvisionStepReport } from '../../../../src-preload/contract/provisioning-types';
import { formatBytes } from '../../../shared/lib/format-bytes';
import { bytesText, type StepLogs } from '../lib/step-logs';

const STATUS_TEXT: Record<string, string> = { pending: 'waiting', running: 'running', done: 'done', skipped: 'skipped', failed: 'failed' };

export function StepList({ steps, logs, report }: { steps: readonly string[]; logs: StepLogs; report: ProvisionStepReport[] | null }) {
  return (
    <ol className="wizard-steps" aria-label="Steps">
      {steps.map((step) => {
        const final = report?.find((s) => s.step === step);
        const live = logs[step];
        const status = final?.status ?? live?.status ?? 'pending';
        // The closing line repeats the summary shown above the log.
        const lines = (live?.lines ?? final?.lines ?? []).filter((line) => line !== final?.summary);
        return (
          <li key={step} className={`wizard-step wizard-step--${status}`} data-step={step} data-status={status}>
            <div className="wizard-step__head">
              <span className="wizard-step__name">{step}</span>
              <span className="wizard-step__status">{STATUS_TEXT[status] ?? status}{final?.changed ? ' · changed' : ''}</span>
            </div>
            {final?.summary ? <p className="wizard-step__summary">{final.summary}</p> : null}
            {live?.bytes ? <p className="wizard-step__bytes numeric">{bytesText(live.bytes, formatBytes)}</p> : null}
            {lines.length > 0 ? (
              <pre className="wizard-step__log mono" aria-live={status === 'running' ? 'polite' : 'off'}>{lines.join('\n')}</pre>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
