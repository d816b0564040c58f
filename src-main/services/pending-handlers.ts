// TEMPORARY while issue #4 is being built: the channels of connections and health answer with a
// clear error until their services are wired in compose.ts. Must be gone before issue #4 lands.
import type { Handlers } from '../core/router.js';
import { PinfleetError } from '../../src-preload/contract/errors.js';

type PendingChannel =
  | 'hostKeys.check' | 'hostKeys.trust' | 'hostKeys.replace' | 'credentials.get' | 'credentials.set'
  | 'health.fleet' | 'health.node' | 'health.series' | 'health.pollNow' | 'health.settings'
  | 'health.updateSettings' | 'alerts.list' | 'logs.follow' | 'logs.stop' | 'nodes.restartContainer' | 'nodes.runGc';

const pending = () => {
  throw new PinfleetError('internal', 'this part of Pinfleet is still being built');
};

export function pendingHandlers(): Pick<Handlers, PendingChannel> {
  return {
    'hostKeys.check': pending, 'hostKeys.trust': pending, 'hostKeys.replace': pending,
    'credentials.get': pending, 'credentials.set': pending,
    'health.fleet': pending, 'health.node': pending, 'health.series': pending, 'health.pollNow': pending,
    'health.settings': pending, 'health.updateSettings': pending, 'alerts.list': pending,
    'logs.follow': pending, 'logs.stop': pending, 'nodes.restartContainer': pending, 'nodes.runGc': pending,
  };
}
