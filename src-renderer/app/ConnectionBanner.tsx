import { Banner } from '../shared/components/Banner';
import { useConnectionStore } from '../shared/connection/connection-store';

/** Shown only when the console cannot talk to main; says whether waiting will help. */
export function ConnectionBanner() {
  const status = useConnectionStore((state) => state.status);
  const detail = useConnectionStore((state) => state.detail);
  if (status === 'connected') return null;
  if (status === 'unauthorized') {
    return <Banner tone="danger" title="Not signed in to Pinfleet.">{detail}</Banner>;
  }
  return (
    <Banner tone="warning" title="Disconnected from Pinfleet — retrying.">
      {detail} Changes cannot be saved until it is back.
    </Banner>
  );
}
