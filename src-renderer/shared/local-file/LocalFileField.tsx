// A file on this computer that main must read (a private key, an image tar). Main reads only files
// the admin gave it, so the field never takes a typed path: in Electron "Choose…" opens main's own
// dialog; in the browser the file input sends the file to `pinfleet serve` first, and the path it
// was stored at is what the request names.
import { useId, useState } from 'react';
import type { ChooseKind, LocalFilesApi } from '../../../src-preload/local-files';
import { sendFileToConsole } from '../api/send-file';
import { errorMessage } from '../api/error-message';

interface LocalFileFieldProps {
  label: string;
  kind: ChooseKind;
  /** The path main will read, '' when none is chosen yet. */
  value: string;
  onValue(path: string): void;
  hint?: string;
  className?: string;
}

const baseName = (p: string) => p.split(/[\\/]/).pop() ?? p;

export function LocalFileField({ label, kind, value, onValue, hint, className }: LocalFileFieldProps) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const files = (window as { pinfleetFiles?: LocalFilesApi }).pinfleetFiles;
  const run = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    try {
      const chosen = await work();
      if (chosen !== null) onValue(chosen);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${className ?? ''}`}>
      {files && typeof files.choose === 'function' ? (
        <>
          <span className="field__label" id={`${id}-label`}>{label}</span>
          <div className="button-group">
            <span className="mono" data-testid="chosen-file">{value || 'none chosen'}</span>
            <button type="button" className="button" aria-labelledby={`${id}-label`} aria-describedby={describedBy} disabled={busy}
              onClick={() => void run(async () => (await files.choose(kind))[0] ?? null)}>
              Choose…
            </button>
          </div>
        </>
      ) : (
        <>
          <label className="field__label" htmlFor={id}>{label}</label>
          <input id={id} type="file" className="input" aria-describedby={describedBy} aria-invalid={error ? true : undefined} disabled={busy}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void run(() => sendFileToConsole(file, file.name));
            }} />
          <span className="field__hint" data-testid="chosen-file">{busy ? 'Sending to the console…' : value ? `Sent: ${baseName(value)}` : ''}</span>
        </>
      )}
      {hint ? <p id={`${id}-hint`} className="field__hint">{hint}</p> : null}
      {error ? <p id={`${id}-error`} className="field__error">{error}</p> : null}
    </div>
  );
}
