import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { relativeNameOf } from '../lib/queue-view';
import { useUploadQueue, type ChosenFile } from '../stores/upload-queue-store';

let nextKey = 0;

function toChosen(files: FileList | null): ChosenFile[] {
  return Array.from(files ?? []).map((file) => ({ key: `f${++nextKey}`, name: relativeNameOf(file), file }));
}

/**
 * The whole page takes dropped files; the "Choose files…" button is the keyboard's (and the
 * tests') way in, through an ordinary <input type=file multiple>.
 */
export function FilePicker({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const input = useRef<HTMLInputElement>(null);
  const choose = useUploadQueue((s) => s.choose);
  const [over, setOver] = useState(false);

  const onDragOver = (event: DragEvent) => {
    if (!enabled || !event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDrop = (event: DragEvent) => {
    if (!enabled) return;
    event.preventDefault();
    setOver(false);
    const files = toChosen(event.dataTransfer.files);
    if (files.length > 0) choose(files);
  };

  return (
    <div
      className={`upload-drop${over ? ' upload-drop--over' : ''}`}
      data-testid="upload-drop-zone"
      onDragOver={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <section className="upload-target" aria-labelledby="upload-target-title">
        <h2 id="upload-target-title" className="upload-target__title">
          {over ? 'Drop to plan the upload' : 'Drop files anywhere on this page'}
        </h2>
        <p className="muted">Pinfleet shows where each file would go before any byte moves.</p>
        <input
          ref={input}
          id="upload-file-input"
          className="visually-hidden"
          type="file"
          multiple
          tabIndex={-1}
          aria-hidden="true"
          disabled={!enabled}
          onChange={(event) => {
            const files = toChosen(event.currentTarget.files);
            if (files.length > 0) choose(files);
            event.currentTarget.value = '';
          }}
        />
        <button type="button" className="button button--primary" disabled={!enabled} onClick={() => input.current?.click()}>
          Choose files…
        </button>
      </section>
      {children}
    </div>
  );
}
