import { describe, expect, it } from 'vitest';
import type { NodeRecord } from '../../../src-preload/contract/types';
import { summarizeFleet } from '../../../src-renderer/features/fleet/lib/fleet-summary';

const node = (name: string, region: string | null, state: NodeRecord['state'] = 'active') =>
  ({ name, region, state }) as NodeRecord;

describe('summarizeFleet', () => {
  it('counts nodes by state and by region, most populous region first, no region last', () => {
    const summary = summarizeFleet([node('a', 'eu'), node('b', 'us'), node('c', 'us', 'draining'), node('d', null), node('e', 'ap')]);
    expect(summary).toEqual({
      total: 5,
      active: 4,
      draining: 1,
      regions: [{ region: 'us', count: 2 }, { region: 'ap', count: 1 }, { region: 'eu', count: 1 }, { region: null, count: 1 }],
    });
  });

  it('is all zeros for an empty fleet', () => {
    expect(summarizeFleet([])).toEqual({ total: 0, active: 0, draining: 0, regions: [] });
  });
});
