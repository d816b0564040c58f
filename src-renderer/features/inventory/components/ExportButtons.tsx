import { errorMessage } from '../../../shared/api/error-message';
import { useExportInventory } from '../api/inventory-mutations';
import { downloadTextFile } from '../lib/download-file';

const MIME = { json: 'application/json', csv: 'text/csv' } as const;

/** Main writes the export (so it matches what import reads); the browser saves it as a download. */
export function ExportButtons() {
  const exportInventory = useExportInventory();
  const run = async (format: 'json' | 'csv') => {
    const file = await exportInventory.mutateAsync(format).catch(() => null);
    if (file) downloadTextFile(file.filename, file.content, MIME[file.format]);
  };
  return (
    <>
      <div className="button-group" role="group" aria-label="Export">
        <button type="button" className="button" onClick={() => void run('json')} disabled={exportInventory.isPending}>Export JSON</button>
        <button type="button" className="button" onClick={() => void run('csv')} disabled={exportInventory.isPending}>Export CSV</button>
      </div>
      {exportInventory.error ? (
        <p className="form-error" role="alert">Export failed: {errorMessage(exportInventory.error)}</p>
      ) : null}
    </>
  );
}
