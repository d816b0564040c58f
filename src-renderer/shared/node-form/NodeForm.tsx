// The node form's behaviour: inline errors once a field is left (or after a submit), a submit
// that Enter triggers, and one message area that shows either the first problems found here or
// the router's refusal verbatim — in the same `field: message` words either way.
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { errorMessage } from '../api/error-message';
import { DRAFT_FIELDS, describeDraftErrors, validateDraft, type DraftErrors, type DraftField, type NodeDraft } from './node-draft';
import { NodeFormFields } from './NodeFormFields';
import type { NodeRecord } from '../../../src-preload/contract/types';

interface NodeFormProps {
  initial: NodeDraft;
  submitLabel: string;
  /** Resolves when saved; a rejection's message is shown verbatim. */
  onSubmit(draft: NodeDraft): Promise<void>;
  onCancel?: () => void;
  /** Set when saving is impossible (e.g. a read-only inventory), in words. */
  disabledReason?: string | null;
  /** Clear the form after a successful save (adding several nodes in a row). */
  resetAfterSave?: boolean;
  extraActions?: ReactNode;
  /** The stored node when editing (see NodeFormFields). */
  original?: NodeRecord;
}

export function NodeForm({ initial, submitLabel, onSubmit, onCancel, disabledReason, resetAfterSave, extraActions, original }: NodeFormProps) {
  const [draft, setDraft] = useState(initial);
  const [touched, setTouched] = useState<Partial<Record<DraftField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const errors = validateDraft(draft);
  const visible: DraftErrors = Object.fromEntries(
    Object.entries(errors).filter(([field]) => submitted || touched[field as DraftField]),
  );

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (saving || disabledReason) return;
    setSubmitted(true);
    if (Object.keys(errors).length > 0) {
      setProblem(describeDraftErrors(errors));
      // Open the advanced section if the fault is in it, then put the cursor on the first bad field.
      const firstField = DRAFT_FIELDS.find((field) => errors[field]);
      const firstBad = formRef.current?.querySelector<HTMLElement>(`[name="${firstField}"]`);
      firstBad?.closest('details')?.setAttribute('open', '');
      firstBad?.focus();
      return;
    }
    setProblem(null);
    setSaving(true);
    try {
      await onSubmit(draft);
      if (resetAfterSave) {
        setDraft(initial);
        setTouched({});
        setSubmitted(false);
      }
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form ref={formRef} className="node-form" noValidate onSubmit={handleSubmit}>
      <NodeFormFields
        draft={draft}
        original={original}
        errors={visible}
        onChange={(field, value) => {
          setDraft((d) => ({ ...d, [field]: value }));
          // Once the admin edits again, an old refusal no longer describes the form.
          setProblem(null);
        }}
        onBlur={(field) => setTouched((t) => ({ ...t, [field]: true }))}
      />
      <div className="form-footer">
        {problem ? <p className="form-error" role="alert" data-testid="form-error">{problem}</p> : null}
        {disabledReason ? <p className="form-note">{disabledReason}</p> : null}
        <div className="form-actions">
          {extraActions}
          {onCancel ? <button type="button" className="button" onClick={onCancel}>Cancel</button> : null}
          <button type="submit" className="button button--primary" disabled={saving || Boolean(disabledReason)}>
            {saving ? 'Saving…' : submitLabel}
          </button>
        </div>
      </div>
    </form>
  );
}
