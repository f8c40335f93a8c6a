// The benches' verdicts (scripts/bench/paired.ts): two builds' difference of medians in ab.ts, the
// app's ratio to the naive start in npm run bench, and whether the rounds can tell either from noise.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairedDifference, pairedRatio, pooled, verdict } from '../../scripts/bench/paired.ts';

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
    expect(pairedDifference(a, a.map((v) => v + 100), { random: seeded(2) })).toEqual({ value: 100, low: 100, high: 100 });
    expect(pairedDifference(a, a, { random: seeded(2) })).toEqual({ value: 0, low: 0, high: 0 });
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
        for (const key of ['value', 'low', 'high'] as const) expect(shifted[key]).toBeCloseTo(d[key] + shift, 6);
        const swapped = pairedDifference(b, a, options());
        const plus = (values: number[]): number[] => values.map((v) => v + 0); // -0 and 0 alike
        expect(plus([swapped.value, swapped.low, swapped.high])).toEqual(plus([-d.value, -d.high, -d.low]));
      }),
    );
  });

  it('needs the same number of rounds of each build', () => {
    expect(() => pairedDifference([1, 2], [1])).toThrow(/paired rounds needed: 2 against 1/);
    expect(() => pairedDifference([], [])).toThrow(/paired rounds/);
  });
});

describe('paired ratio of medians', () => {
  it('is exact when every round scales by the same factor', () => {
    const naive = rounds(5, seeded(5), 4200, 600);
    expect(pairedRatio(naive, naive.map((v) => v * 0.3), { random: seeded(6) })).toEqual({ value: expect.closeTo(0.3, 12), low: expect.closeTo(0.3, 12), high: expect.closeTo(0.3, 12) });
  });

  it('puts a target inside the interval when the runs sit on it, and outside when they are well clear', () => {
    const noise = seeded(7);
    const naive = rounds(5, noise, 4200, 600);
    // Noise like the bench's: each visit adds its own ±8 % to the round's load.
    const app = (share: number): number[] => naive.map((v) => v * share * (1 + (noise() * 2 - 1) * 0.08));
    const onTheLine = pairedRatio(naive, app(0.33), { random: seeded(8) });
    expect(onTheLine.low).toBeLessThan(0.33);
    expect(onTheLine.high).toBeGreaterThan(0.33);
    const clear = pairedRatio(naive, app(0.2), { random: seeded(8) });
    expect(clear.high).toBeLessThan(0.33);
  });

  it('scales with one series, and turns into its reciprocal when the series swap', () => {
    const series = fc.array(fc.double({ min: 100, max: 5000, noNaN: true }), { minLength: 1, maxLength: 15 });
    fc.assert(
      fc.property(series, series, fc.double({ min: 0.1, max: 10, noNaN: true }), fc.nat(), (x, y, factor, seed) => {
        const n = Math.min(x.length, y.length);
        const [a, b] = [x.slice(0, n), y.slice(0, n)];
        const options = () => ({ resamples: 200, random: seeded(seed) });
        const r = pairedRatio(a, b, options());
        expect(r.low).toBeLessThanOrEqual(r.high);
        const scaled = pairedRatio(a, b.map((v) => v * factor), options());
        for (const key of ['value', 'low', 'high'] as const) expect(scaled[key]).toBeCloseTo(r[key] * factor, 6);
        const swapped = pairedRatio(b, a, options());
        expect([swapped.value, swapped.low, swapped.high]).toEqual([1 / r.value, 1 / r.high, 1 / r.low].map((v) => expect.closeTo(v, 9)));
      }),
    );
  });
});

describe('the verdict on a target, and pooled runs', () => {
  it('says which side of the target an interval lies, or that the runs do not settle it', () => {
    expect(verdict({ value: 0.3, low: 0.29, high: 0.33 }, 0.33, 45)).toBe('below 0.33 beyond the noise');
    expect(verdict({ value: 0.36, low: 0.331, high: 0.4 }, 0.33, 10)).toBe('above 0.33 beyond the noise');
    expect(verdict({ value: 0.31, low: 0.29, high: 0.332 }, 0.33, 20)).toMatch(/^holds 0\.33: 20 runs do not settle it/);
  });

  it('keeps each round of each run paired, so that pooling runs narrows the interval around their common ratio', () => {
    const noise = seeded(9);
    const run = (n: number) => {
      const naive = rounds(n, noise, 4200, 600);
      return { naive, cold: naive.map((v) => v * 0.31 * (1 + (noise() * 2 - 1) * 0.08)) };
    };
    const runs = [run(5), run(10), run(10), run(20)];
    const all = pooled(runs);
    expect(all.naive).toEqual(runs.flatMap((r) => r.naive));
    for (const [i, cold] of all.cold.entries()) expect(cold / all.naive[i]!).toBeCloseTo(0.31, 1);
    const alone = pairedRatio(runs[0]!.naive, runs[0]!.cold, { random: seeded(10) });
    const together = pairedRatio(all.naive, all.cold, { random: seeded(10) });
    expect(together.high - together.low).toBeLessThan(alone.high - alone.low);
    expect(together.low).toBeLessThan(0.31);
    expect(together.high).toBeGreaterThan(0.31);
  });

  it('refuses a run whose series are not paired', () => {
    expect(() => pooled([{ naive: [1, 2], cold: [1] }])).toThrow(/paired rounds needed: 2 against 1/);
  });
});
