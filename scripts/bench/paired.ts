// How far a comparison of two measured series can be trusted. `ab.ts` measures two builds in turns,
// round by round, and `npm run bench` measures the app and the naive start in each of its runs, so
// that the two visits of a round share the machine's load of that moment. On our shared two-core
// machines the medians of 10 rounds still move by 5 % or more from run to run: a difference that
// small, or a ratio that close to its target, needs saying whether the rounds can tell it from
// noise at all.
import { stats } from './measure.ts';

/** A comparison of two series' medians, and the interval it lies in with about 95 % confidence. */
export interface Estimate {
  value: number;
  low: number;
  high: number;
}

interface Options {
  resamples?: number;
  /** 0 to 1; there for tests. */
  random?: () => number;
}

/**
 * `compare(median of a, median of b)` for series measured in rounds (a[i] and b[i] in the same
 * round), with a 95 % interval from a paired bootstrap: the rounds are drawn again, with
 * replacement, `resamples` times, and each draw keeps a round's two measurements together.
 */
function pairedBootstrap(a: readonly number[], b: readonly number[], compare: (a: number, b: number) => number, { resamples = 4000, random = Math.random }: Options): Estimate {
  if (a.length !== b.length || a.length === 0) throw new Error(`paired rounds needed: ${a.length} against ${b.length}`);
  const rounds = a.length;
  const draws: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const picked = Array.from({ length: rounds }, () => Math.floor(random() * rounds));
    draws.push(compare(stats(picked.map((i) => a[i]!)).median, stats(picked.map((i) => b[i]!)).median));
  }
  draws.sort((x, y) => x - y);
  return {
    value: compare(stats(a).median, stats(b).median),
    low: draws[Math.floor(0.025 * resamples)]!,
    high: draws[Math.ceil(0.975 * resamples) - 1]!,
  };
}

/** The difference of medians, b − a. An interval that holds 0 means the rounds do not tell a from b. */
export const pairedDifference = (a: readonly number[], b: readonly number[], options: Options = {}): Estimate => pairedBootstrap(a, b, (ma, mb) => mb - ma, options);

/**
 * The ratio of medians, b ÷ a: the bench's "cold visit against the naive start". An interval that
 * holds a target ratio means the rounds do not say on which side of it the builds are.
 */
export const pairedRatio = (a: readonly number[], b: readonly number[], options: Options = {}): Estimate => pairedBootstrap(a, b, (ma, mb) => mb / ma, options);

/** The cold target: the first output in at most this share of the naive start's time. */
export const COLD_SHARE = 0.33;

/** What the bench says of a ratio's interval against its target: which side of it, or that the runs cannot tell. */
export function verdict(share: Estimate, target: number, runs: number): string {
  if (share.high <= target) return `below ${target} beyond the noise`;
  if (share.low > target) return `above ${target} beyond the noise`;
  return `holds ${target}: ${runs} runs do not settle it (BENCH_RUNS=n for more, or pool saved runs: scripts/bench/pool.ts)`;
}

/** The rounds of several bench runs as one series each, every round's pair kept together. */
export function pooled(runs: readonly { naive: readonly number[]; cold: readonly number[] }[]): { naive: number[]; cold: number[] } {
  for (const run of runs) if (run.naive.length !== run.cold.length) throw new Error(`paired rounds needed: ${run.naive.length} against ${run.cold.length}`);
  return { naive: runs.flatMap((run) => run.naive), cold: runs.flatMap((run) => run.cold) };
}
