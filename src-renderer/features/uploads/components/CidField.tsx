import { useRef, useState } from 'react';

/**
 * A CID to copy: a visible read-only field the admin can select (the clipboard permission is denied
 * in the Electron window), and a Copy button that selects it and tries the old execCommand path.
 */
export function CidField({ cid, label }: { cid: string; label: string }) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = () => {
    field.current?.focus();
    field.current?.select();
    // Deprecated but still the only copy that needs no permission; when it fails the text stays selected.
    setCopied(document.execCommand('copy'));
  };
  return (
    <span className="cid-field">
      <input
        ref={field}
        className="input cid-field__input"
        readOnly
        value={cid}
        aria-label={label}
        spellCheck={false}
        onFocus={(e) => e.currentTarget.select()}
      />
      <button type="button" className="button button--small" onClick={copy}>Copy</button>
      {copied === null ? null : <span className="muted" role="status">{copied ? 'Copied' : 'Selected: press Ctrl+C'}</span>}
    </span>
  );
}
