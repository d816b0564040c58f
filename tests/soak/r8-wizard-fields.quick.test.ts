// R8's quick size inside `npm test`: the classic payloads and six generated values in every wizard
// field, against the real router and the fleet's bare server, plus one real provision carrying a
// hostile region to the server. `npm run soak -- --only R8` sends 200 generated values.
import { describe, expect, inject, it } from 'vitest';
import { runR8, type R8Counts } from './r8-wizard-fields.js';

const fleet = inject('fleet');

describe('R8: hostile values in every wizard field', () => {
  it('are refused naming their field, or stored exactly, or stop before any change; no canary appears', async () => {
    const result = await runR8(fleet, { quick: true, seed: 808 });
    expect(result.problems).toEqual([]);
    const m = result.measured as unknown as R8Counts;
    expect(m).toMatchObject({ values: 31, wrongAnswers: 0, provisioned: 1, provisionedQuoted: 1, canaries: 0 });
    expect(m.fields).toBeGreaterThanOrEqual(50);
    expect(m.refused + m.acceptedQuoted + m.acceptedStopped).toBe(m.calls);
    // Most hostile values must be refused at the door; some (a region, notes) are legitimately kept as text.
    expect(m.refused).toBeGreaterThan(m.calls * 0.8);
    expect(m.acceptedQuoted).toBeGreaterThan(0);
    expect(result.held).toBe(true);
  }, 900_000);
});
