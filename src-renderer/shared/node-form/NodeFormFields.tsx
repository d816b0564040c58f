// The fields of a node, shared by "Add node" and the inventory's edit dialog.
import { useId } from 'react';
import { TagChips } from '../components/TagChips';
import { parseTags } from '../lib/tags';
import type { NodeRecord } from '../../../src-preload/contract/types';
import { addressChangeNotice, type DraftErrors, type DraftField, type NodeDraft } from './node-draft';
import { TextField } from './TextField';

interface NodeFormFieldsProps {
  draft: NodeDraft;
  /** Only the errors the admin should see now (touched fields, or all after a submit). */
  errors: DraftErrors;
  onChange(field: DraftField, value: string): void;
  onBlur(field: DraftField): void;
  /** The stored node when editing: its pin is shown, not edited, and moving it is announced. */
  original?: NodeRecord | undefined;
}

export function NodeFormFields({ draft, errors, onChange, onBlur, original }: NodeFormFieldsProps) {
  const notesId = useId();
  const stateId = useId();
  const field = (name: DraftField) => ({
    name,
    value: draft[name],
    error: errors[name],
    onValue: (value: string) => onChange(name, value),
    onBlur: () => onBlur(name),
  });
  const tags = parseTags(draft.tags);
  const notice = original ? addressChangeNotice(draft, original) : null;

  return (
    <>
      <div className="form-grid">
        <TextField label="Name" {...field('name')} autoComplete="off" spellCheck={false} required
          hint="Letters, digits, dots, dashes or underscores" />
        <TextField label="Host" {...field('host')} autoComplete="off" spellCheck={false} required
          hint="Host name or IP address" />
        <TextField label="SSH port" {...field('sshPort')} inputMode="numeric" className="field--narrow" />
        <TextField label="SSH user" {...field('sshUser')} autoComplete="off" spellCheck={false} className="field--narrow" />
        <TextField label="Region" {...field('region')} autoComplete="off" hint="Optional, e.g. eu-west" />
        <TextField label="Priority" {...field('priority')} inputMode="numeric" className="field--narrow"
          hint="Higher wins a tie in placement" />
        <TextField label="Tags" {...field('tags')} autoComplete="off" spellCheck={false} className="field--wide"
          hint={tags.length > 0 ? <TagChips tags={tags} label="Tags as they will be saved" /> : 'Separate with commas or spaces'} />
        <div className="field field--narrow">
          <label className="field__label" htmlFor={stateId}>State</label>
          <select id={stateId} className="input" value={draft.state}
            onChange={(event) => onChange('state', event.target.value)}>
            <option value="active">Active</option>
            <option value="draining">Draining (no new uploads)</option>
          </select>
        </div>
        <div className="field field--wide">
          <label className="field__label" htmlFor={notesId}>Notes</label>
          <textarea id={notesId} name="notes" className="input input--multiline" rows={2} value={draft.notes}
            aria-invalid={errors.notes ? true : undefined}
            onChange={(event) => onChange('notes', event.target.value)} onBlur={() => onBlur('notes')} />
          {errors.notes ? <p className="field__error">{errors.notes}</p> : null}
        </div>
      </div>
      <details className="advanced">
        <summary>Advanced: host key, kubo addresses and container</summary>
        <div className="form-grid">
          {original ? (
            <TextField label="Host key fingerprint" {...field('hostKeyFingerprint')} spellCheck={false} className="field--wide" readOnly
              placeholder="not confirmed yet" hint="Pins change only on the node page (Host key → Check, then Trust or Replace), where the key the server presents is checked." />
          ) : (
            <TextField label="Host key fingerprint" {...field('hostKeyFingerprint')} spellCheck={false} className="field--wide"
              placeholder="SHA256:…" hint="Optional: pin it now, or confirm it on the first connection" />
          )}
          <TextField label="kubo API address" {...field('apiAddress')} spellCheck={false}
            hint="host:port as seen from the server" />
          <TextField label="Gateway address" {...field('gatewayAddress')} spellCheck={false}
            hint="host:port as seen from the server" />
          <TextField label="Direct kubo RPC URL" {...field('apiUrl')} spellCheck={false} className="field--wide"
            placeholder="https://node.example:5001"
            hint="Optional: reach kubo's RPC here instead of through the SSH tunnel. Its API.Authorizations credential is set on the node page, never in the URL." />
          <TextField label="kubo container" {...field('kuboContainer')} spellCheck={false} autoComplete="off"
            hint="Optional: its name in docker ps, when one Docker engine runs several kubos" />
        </div>
      </details>
      {notice ? <p className="form-note" role="status" data-testid="pin-notice">{notice}</p> : null}
    </>
  );
}
