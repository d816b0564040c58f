// Import from a file the admin picks (JSON, CSV or a .env of KEY=value lines). Main parses and
// validates it; this shows main's report of what was added, updated and skipped, and why.
import { useId, useState, type FormEvent } from 'react';
import type { ImportReport } from '../../../../src-preload/contract/types';
import { errorMessage } from '../../../shared/api/error-message';
import { Dialog } from '../../../shared/components/Dialog';
import { useImportInventory } from '../api/inventory-mutations';
import { importFormatOf } from '../lib/import-format';
import { ImportReportView } from './ImportReportView';

export function ImportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const importInventory = useImportInventory();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [update, setUpdate] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const format = file ? importFormatOf(file.name) : null;

  const close = () => {
    setFile(null);
    setProblem(null);
    setReport(null);
    onClose();
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return setProblem('Choose a file to import.');
    if (!format) return setProblem(`${file.name}: use a .json, .csv or .env file.`);
    setProblem(null);
    try {
      setReport(await importInventory.mutateAsync({ format, content: await file.text(), update }));
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <Dialog title="Import nodes" open={open} onClose={close}>
      {report ? (
        <>
          <ImportReportView report={report} />
          <div className="form-actions">
            <button type="button" className="button button--primary" onClick={close} autoFocus>Done</button>
          </div>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label className="field__label" htmlFor={fileId}>Inventory file</label>
            <input id={fileId} type="file" className="input input--file" accept=".json,.csv,.env,text/csv,application/json"
              onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
            <p className="field__hint">JSON or CSV as Pinfleet exports them, or a .env file of KEY=value lines.</p>
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={update} onChange={(event) => setUpdate(event.target.checked)} />
            Update nodes that already exist (otherwise they are skipped)
          </label>
          {problem ? <p className="form-error" role="alert">{problem}</p> : null}
          <div className="form-actions">
            <button type="button" className="button" onClick={close}>Cancel</button>
            <button type="submit" className="button button--primary" disabled={importInventory.isPending}>
              {importInventory.isPending ? 'Importing…' : 'Import'}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
