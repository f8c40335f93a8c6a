// How far an A/B comparison of two builds can be trusted. `ab.ts` measures the builds in turns,
// round by round, so that the two visits of a round share the machine's load of that moment. On our
// shared two-core machines the medians of 10 rounds still move by 5 % or more from run to run: a
// difference that small needs saying whether the rounds can tell it from noise at all.
import { stats } from './measure.ts';

/** A difference of medians and the interval it lies in with about 95 % confidence. */
export interface Difference {
  median: number;
  low: number;
  high: number;
}

/**
 * The difference of medians, b − a, of measurements taken in rounds (a[i] and b[i] in the same
 * round), with a 95 % interval from a paired bootstrap: the rounds are drawn again, with
 * replacement, `resamples` times, and each draw keeps a round's two measurements together. An
 * interval that holds 0 means the rounds do not tell the builds apart. `random` (0 to 1) is there
 * for tests.
 */
export function pairedDifference(a: readonly number[], b: readonly number[], { resamples = 4000, random = Math.random } = {}): Difference {
  if (a.length !== b.length || a.length === 0) throw new Error(`paired rounds needed: ${a.length} against ${b.length}`);
  const rounds = a.length;
  const draws: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const picked = Array.from({ length: rounds }, () => Math.floor(random() * rounds));
    draws.push(stats(picked.map((i) => b[i]!)).median - stats(picked.map((i) => a[i]!)).median);
  }
  draws.sort((x, y) => x - y);
  return {
    median: stats(b).median - stats(a).median,
    low: draws[Math.floor(0.025 * resamples)]!,
    high: draws[Math.ceil(0.975 * resamples) - 1]!,
  };
}
