// The choices of "Set up a cluster": which nodes get a peer, the replication of the imported pins,
// and (advanced) the image, the user and where each peer keeps its state. Controlled: the wizard
// holds the draft, so an error or a finished run leaves everything as typed.
import { TextField } from '../../../shared/node-form/TextField';
import { chosenNodes, defaultReplication, stateDirError, type SetupDraft } from '../lib/setup-draft';

interface SetupFormProps {
  /** Active nodes of the inventory, with the host each is reached at. */
  nodes: readonly { name: string; host: string }[];
  draining: number;
  draft: SetupDraft;
  onDraft(patch: Partial<SetupDraft>): void;
}

export function SetupForm({ nodes, draining, draft, onDraft }: SetupFormProps) {
  const chosen = chosenNodes(nodes.map((n) => n.name), draft);
  const defaults = defaultReplication(chosen.length);
  const toggle = (name: string, checked: boolean) =>
    onDraft({ unchecked: checked ? draft.unchecked.filter((n) => n !== name) : [...draft.unchecked, name] });
  return (
    <>
      <fieldset className="cluster-setup__fieldset">
        <legend>Nodes that get a Cluster peer</legend>
        {nodes.length === 0 ? <p className="form-error">The inventory has no active node: add one first.</p> : null}
        <ul className="plain-list cluster-setup__nodes">
          {nodes.map((node) => (
            <li key={node.name}>
              <label className="checkbox">
                <input type="checkbox" name="setup-node" value={node.name} checked={chosen.includes(node.name)} onChange={(e) => toggle(node.name, e.currentTarget.checked)} />
                {node.name} <span className="muted mono">{node.host}</span>
              </label>
            </li>
          ))}
        </ul>
        <p className="field__hint">
          {chosen.length} of {nodes.length} active {nodes.length === 1 ? 'node' : 'nodes'} chosen.
          {draining > 0 ? ` ${draining} draining ${draining === 1 ? 'node is' : 'nodes are'} left out.` : ''}
        </p>
      </fieldset>
      <fieldset className="cluster-setup__fieldset">
        <legend>Replication of the imported pins</legend>
        <div className="form-grid">
          <TextField
            label="Replication min"
            value={draft.replicationMin}
            onValue={(replicationMin) => onDraft({ replicationMin })}
            inputMode="numeric"
            placeholder={String(defaults.min)}
            hint={`Empty: ${defaults.min}, the default${chosen.length <= 1 ? ' on one node' : ''}.`}
          />
          <TextField
            label="Replication max"
            value={draft.replicationMax}
            onValue={(replicationMax) => onDraft({ replicationMax })}
            inputMode="numeric"
            placeholder={String(defaults.max)}
            hint={`Empty: ${defaults.max} (3, at most the chosen nodes). -1: every peer.`}
          />
        </div>
      </fieldset>
      <details className="advanced">
        <summary>Advanced: image, user and state folders</summary>
        <div className="form-grid">
          <TextField label="Cluster image" value={draft.image} onValue={(image) => onDraft({ image })} placeholder="the pinned ipfs-cluster release" autoComplete="off" />
          <TextField label="Run the peer as (uid:gid)" value={draft.runAs} onValue={(runAs) => onDraft({ runAs })} hint="The official image’s ipfs user is 1000, group users 100." />
          {chosen.map((name) => (
            <TextField
              key={name}
              label={`State folder on ${name}`}
              value={draft.stateDirs[name] ?? ''}
              onValue={(dir) => onDraft({ stateDirs: { ...draft.stateDirs, [name]: dir } })}
              error={stateDirError(draft.stateDirs[name])}
              placeholder="ipfs-cluster beside kubo’s repo"
              autoComplete="off"
            />
          ))}
        </div>
      </details>
    </>
  );
}
