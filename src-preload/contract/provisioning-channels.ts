// Provisioning channels: checks, adoption, the add-a-server wizard and decommission.
// Servers being provisioned are not in the inventory yet, so requests name their target.
import { channel, returns } from './channel.js';
import * as ps from './provisioning-schemas.js';
import type { NodeRecord } from './types.js';
import type { AdoptReport, DecommissionReport, HostKeyProbeReport, PreflightReport, ProvisionProgress, ProvisionReport, RollbackPlan, RollbackReport } from './provisioning-types.js';

export const provisioningChannels = {
  'provisioning.preflight': channel(ps.preflightInput, returns<PreflightReport>()),
  'provisioning.adoptDetect': channel(ps.adoptDetectInput, returns<AdoptReport>()),
  'provisioning.adoptRegister': channel(ps.adoptRegisterInput, returns<NodeRecord>()),
  'provisioning.hostKey': channel(ps.hostKeyProbeInput, returns<HostKeyProbeReport>()),
  'provisioning.provision': channel(ps.provisionInput, returns<ProvisionReport>()),
  'provisioning.rollbackPlan': channel(ps.rollbackPlanInput, returns<RollbackPlan>()),
  'provisioning.rollback': channel(ps.rollbackInput, returns<RollbackReport>()),
  'provisioning.decommission': channel(ps.decommissionInput, returns<DecommissionReport>()),
} as const;

export const provisioningEvents = {
  'provisioning.progress': returns<ProvisionProgress>(),
} as const;
