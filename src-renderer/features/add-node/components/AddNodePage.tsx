// Registers a server by hand. Nothing connects to it yet: the node is written to the inventory
// and its host key is confirmed on the first connection (or pinned here under Advanced).
import { useState } from 'react';
import type { NodeRecord } from '../../../../src-preload/contract/types';
import { useAppInfo } from '../../../shared/api/inventory-queries';
import { Banner } from '../../../shared/components/Banner';
import { PageHeader } from '../../../shared/components/PageHeader';
import { formatAddress } from '../../../shared/lib/address';
import { hrefFor } from '../../../shared/navigation/routes';
import { NodeForm } from '../../../shared/node-form/NodeForm';
import { draftToInput, emptyDraft } from '../../../shared/node-form/node-draft';
import { useAddNode } from '../api/use-add-node';

export function AddNodePage() {
  const addNode = useAddNode();
  const info = useAppInfo().data;
  const [added, setAdded] = useState<NodeRecord | null>(null);
  // The reason itself is in the banner at the top of every page; this only says why the button is off.
  const readOnlyReason = info?.inventory.readOnly ? 'Adding is off while the inventory is read-only (see the warning above).' : null;

  return (
    <>
      <PageHeader
        title="Add node"
        description={
          <>
            Register a storage server you already run. Pinfleet records it; nothing is changed on the server. To set up a new server, adopt a
            running kubo or retire a node, use the <a href={hrefFor('provision')}>Provision wizards</a>.
          </>
        }
      />
      {added ? (
        <Banner tone="success" title={`${added.name} was added`}>
          ({formatAddress(added.host, added.sshPort)}). <a href={hrefFor('inventory')}>View the inventory</a> or add another.
        </Banner>
      ) : null}
      <section className="panel panel--padded" aria-label="New node">
        <NodeForm
          initial={emptyDraft()}
          submitLabel="Add node"
          resetAfterSave
          disabledReason={readOnlyReason}
          onSubmit={async (draft) => {
            setAdded(null);
            setAdded(await addNode.mutateAsync(draftToInput(draft)));
          }}
        />
      </section>
    </>
  );
}
