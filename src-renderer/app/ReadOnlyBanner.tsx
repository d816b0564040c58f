import { useAppInfo } from '../shared/api/inventory-queries';

/** A read-only inventory is a state the admin must not miss: it stays on every page. */
export function ReadOnlyBanner() {
  const { data } = useAppInfo();
  if (!data?.inventory.readOnly) return null;
  return (
    <div className="banner banner--warning banner--frame" role="alert">
      <strong className="banner__title">The inventory is read-only.</strong>
      <span className="banner__text">
        {data.inventory.readOnlyReason ?? 'Pinfleet opened it read-only.'} Nothing can be added, changed or removed.
      </span>
    </div>
  );
}
