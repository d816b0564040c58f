// Which wizard the provisioning page shows; kept while the admin moves between pages.
import { create } from 'zustand';

export type WizardTab = 'provision' | 'adopt' | 'decommission';

interface WizardTabState {
  tab: WizardTab;
  /** A node chosen elsewhere to decommission (node detail, add-node page). */
  decommissionName: string | null;
  show(tab: WizardTab, decommissionName?: string | null): void;
}

export const useWizardTab = create<WizardTabState>((set) => ({
  tab: 'provision',
  decommissionName: null,
  show: (tab, decommissionName = null) => set({ tab, decommissionName }),
}));
