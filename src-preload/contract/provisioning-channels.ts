// Provisioning channels (issue #6): checks, adoption, the add-a-server wizard and decommission.
// Servers being provisioned are not in the inventory yet, so requests name their target.
import { channel, returns } from './channel.js';
import * as ps from './provisioning-schemas.js';
import type { NodeRecord } from './types.js';
import type { AdoptReport, PreflightReport } from './provisioning-types.js';

export const provisioningChannels = {
  'provisioning.preflight': channel(ps.preflightInput, returns<PreflightReport>()),
  'provisioning.adoptDetect': channel(ps.adoptDetectInput, returns<AdoptReport>()),
  'provisioning.adoptRegister': channel(ps.adoptRegisterInput, returns<NodeRecord>()),
} as const;

export const provisioningEvents = {} as const;
