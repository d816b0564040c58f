// The one place that knows which feature draws which page.
import { ActivityPage } from '../features/activity/components/ActivityPage';
import { AddNodePage } from '../features/add-node/components/AddNodePage';
import { ClusterPage } from '../features/cluster/components/ClusterPage';
import { FleetPage } from '../features/fleet/components/FleetPage';
import { InventoryPage } from '../features/inventory/components/InventoryPage';
import { NodeDetailPage } from '../features/node-detail/components/NodeDetailPage';
import { ProvisioningPage } from '../features/provisioning/components/ProvisioningPage';
import { SettingsPage } from '../features/settings/components/SettingsPage';
import { UploadsPage } from '../features/uploads/components/UploadsPage';
import type { ComponentType } from 'react';
import type { RouteId } from '../shared/navigation/routes';

const PAGES: Record<RouteId, ComponentType> = {
  fleet: FleetPage,
  uploads: UploadsPage,
  cluster: ClusterPage,
  'add-node': AddNodePage,
  provision: ProvisioningPage,
  inventory: InventoryPage,
  activity: ActivityPage,
  settings: SettingsPage,
  node: NodeDetailPage,
};

export function Page({ route }: { route: RouteId }) {
  const Component = PAGES[route];
  return <Component />;
}
