// The three parts of a capacity bar: what kubo holds (used), what it can still take (usable
// free) and what is held back (above the GC watermark, or the disk reserve). Pure, so the bar's
// maths is tested by table. Percentages are rounded to tenths by largest remainder, so they
// always add up to exactly 100 and a bar never overflows or leaves a gap.
export type SegmentKind = 'used' | 'free' | 'reserved';

export interface CapacitySegment {
  kind: SegmentKind;
  label: string;
  bytes: number;
  /** Share of the bar, 0–100, in tenths. */
  percent: number;
}

export interface SegmentInput {
  used: number;
  usableFree: number;
  reserved: number;
}

const LABELS: Record<SegmentKind, string> = { used: 'used', free: 'usable free', reserved: 'reserved' };

export function capacitySegments(capacity: SegmentInput): CapacitySegment[] {
  const parts: [SegmentKind, number][] = [
    ['used', capacity.used],
    ['free', capacity.usableFree],
    ['reserved', capacity.reserved],
  ];
  const bytes = parts.map(([, b]) => (Number.isFinite(b) && b > 0 ? b : 0));
  const total = bytes.reduce((a, b) => a + b, 0);
  if (total === 0) return parts.map(([kind], i) => ({ kind, label: LABELS[kind], bytes: bytes[i]!, percent: 0 }));

  // Work in tenths of a percent: 1000 units to hand out.
  const exact = bytes.map((b) => (b / total) * 1000);
  const tenths = exact.map(Math.floor);
  let left = 1000 - tenths.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    tenths[i]! += 1;
    left -= 1;
  }
  return parts.map(([kind], i) => ({ kind, label: LABELS[kind], bytes: bytes[i]!, percent: tenths[i]! / 10 }));
}
