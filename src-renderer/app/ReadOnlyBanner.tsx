import { useAppInfo } from '../shared/api/inventory-queries';
import { Banner } from '../shared/components/Banner';

/** A read-only inventory is a state the admin must not miss: it stays on every page. */
export function ReadOnlyBanner() {
  const { data } = useAppInfo();
  if (!data?.inventory.readOnly) return null;
  return (
    <Banner tone="warning" title="The inventory is read-only.">
      {data.inventory.readOnlyReason ?? 'Pinfleet opened it read-only.'} Nothing can be added, changed or removed.
    </Banner>
  );
}
