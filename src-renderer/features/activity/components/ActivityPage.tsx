import { PageHeader } from '../../../shared/components/PageHeader';
import { AlertList } from './AlertList';
import { AuditLog } from './AuditLog';

export function ActivityPage() {
  return (
    <>
      <PageHeader title="Activity" description="Alerts the health checks raised, and every change Pinfleet made, newest first." />
      <AlertList />
      <AuditLog />
    </>
  );
}
