import { EmptyState } from '../../../shared/components/EmptyState';
import { PageHeader } from '../../../shared/components/PageHeader';

/** Honest about what is not here yet: no drop zone that does nothing. */
export function UploadsPage() {
  return (
    <>
      <PageHeader title="Uploads" description="Files stored on the fleet, with their CIDs and replicas." />
      <EmptyState title="Uploads arrive in a later release">
        <p>
          Pinfleet will take files dropped on its window and store them on the emptiest healthy node,
          replicated where you ask. That needs live connections to your nodes, which this release does not
          make yet. Until then, this page stays empty on purpose.
        </p>
      </EmptyState>
    </>
  );
}
