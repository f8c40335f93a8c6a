// The A/B bench's verdict on two builds (scripts/bench/paired.ts): the difference of their medians,
// and whether the rounds can tell it from the machine's noise.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairedDifference } from '../../scripts/bench/paired.ts';

/** A seeded generator (mulberry32), so that two calls resample the same rounds. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cold visits of about a second with the spread our machines show (±15 %), one per round. */
function rounds(n: number, random: () => number, base = 1200, spread = 180): number[] {
  return Array.from({ length: n }, () => base + (random() * 2 - 1) * spread);
}

describe('paired difference of medians', () => {
  it('is exact when every round differs by the same amount, and zero for the same build', () => {
    const a = rounds(10, seeded(1));
    expect(pairedDifference(a, a.map((v) => v + 100), { random: seeded(2) })).toEqual({ median: 100, low: 100, high: 100 });
    expect(pairedDifference(a, a, { random: seeded(2) })).toEqual({ median: 0, low: 0, high: 0 });
  });

  it('tells a 15 % gain from noise in 10 rounds, and not a 2 % one', () => {
    const noise = seeded(3);
    const a = rounds(10, noise);
    // The machine's load moves both builds of a round alike; each visit adds a little of its own.
    const faster = a.map((v) => v * 0.85 + (noise() * 2 - 1) * 30);
    const same = a.map((v) => v * 0.98 + (noise() * 2 - 1) * 60);
    const gain = pairedDifference(a, faster, { random: seeded(4) });
    expect(gain.high).toBeLessThan(0);
    const none = pairedDifference(a, same, { random: seeded(4) });
    expect(none.low).toBeLessThanOrEqual(0);
    expect(none.high).toBeGreaterThanOrEqual(0);
  });

  it('moves with a shift of one build, and turns over when the builds swap', () => {
    const series = fc.array(fc.double({ min: 100, max: 5000, noNaN: true }), { minLength: 1, maxLength: 15 });
    fc.assert(
      fc.property(series, series, fc.double({ min: -500, max: 500, noNaN: true }), fc.nat(), (x, y, shift, seed) => {
        const n = Math.min(x.length, y.length);
        const [a, b] = [x.slice(0, n), y.slice(0, n)];
        const options = () => ({ resamples: 200, random: seeded(seed) });
        const d = pairedDifference(a, b, options());
        expect(d.low).toBeLessThanOrEqual(d.high);
        const shifted = pairedDifference(a, b.map((v) => v + shift), options());
        for (const key of ['median', 'low', 'high'] as const) expect(shifted[key]).toBeCloseTo(d[key] + shift, 6);
        const swapped = pairedDifference(b, a, options());
        const plus = (values: number[]): number[] => values.map((v) => v + 0); // -0 and 0 alike
        expect(plus([swapped.median, swapped.low, swapped.high])).toEqual(plus([-d.median, -d.high, -d.low]));
      }),
    );
  });

  it('needs the same number of rounds of each build', () => {
    expect(() => pairedDifference([1, 2], [1])).toThrow(/paired rounds needed: 2 against 1/);
    expect(() => pairedDifference([], [])).toThrow(/paired rounds/);
  });
});
