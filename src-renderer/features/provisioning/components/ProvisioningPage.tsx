// The wizards: add a server (provision), adopt a running kubo, decommission a node. Tabs follow the
// WAI-ARIA pattern: arrow keys move between them, the panel is reachable with Tab.
import { useRef, type KeyboardEvent } from 'react';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useWizardTab, type WizardTab } from '../stores/wizard-tab-store';
import { AdoptWizard } from './AdoptWizard';
import { DecommissionWizard } from './DecommissionWizard';
import { ProvisionWizard } from './ProvisionWizard';
import './provisioning.css';

const TABS: { id: WizardTab; label: string }[] = [
  { id: 'provision', label: 'Add a server' },
  { id: 'adopt', label: 'Adopt' },
  { id: 'decommission', label: 'Decommission' },
];

export function ProvisioningPage() {
  const { tab, show } = useWizardTab();
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const onKey = (event: KeyboardEvent) => {
    // From the tab that has focus (normally the selected one).
    const focused = TABS.findIndex((t) => refs.current[t.id] === event.target);
    const index = focused >= 0 ? focused : TABS.findIndex((t) => t.id === tab);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    const next = TABS[(index + step + TABS.length) % TABS.length]!;
    show(next.id);
    refs.current[next.id]?.focus();
  };
  return (
    <>
      <PageHeader
        title="Provision"
        description="Turn a bare Linux server into a storage node, adopt one that already runs kubo, or retire a node after moving its data."
      />
      <div className="wizard-tabs" role="tablist" aria-label="Wizards" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[t.id] = el;
            }}
            type="button"
            role="tab"
            id={`wizard-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`wizard-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className={`wizard-tabs__tab${tab === t.id ? ' wizard-tabs__tab--active' : ''}`}
            onClick={() => show(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`wizard-panel-${tab}`} aria-labelledby={`wizard-tab-${tab}`}>
        {tab === 'provision' ? <ProvisionWizard /> : tab === 'adopt' ? <AdoptWizard /> : <DecommissionWizard />}
      </div>
    </>
  );
}
