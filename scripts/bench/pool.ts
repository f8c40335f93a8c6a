// `npx tsx scripts/bench/pool.ts [files…]`: the cold visit's ratio to the naive start over the runs of
// several `npm run bench` runs together (by default every bench-results/app-*.json). One bench run
// of 5 or 10 rounds often cannot say on which side of its target a ratio this close to it lies;
// the rounds of several runs of the same commit can. Each round keeps its own naive and cold visit.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { COLD_SHARE, pairedRatio, pooled, verdict } from './paired.ts';

interface SavedRun {
  date: string;
  commit?: string;
  raw: { naive: number[]; cold: number[] };
}

const folder = join(process.cwd(), 'bench-results');
const files = process.argv.length > 2 ? process.argv.slice(2) : readdirSync(folder).filter((f) => /^app-.*\.json$/.test(f)).sort().map((f) => join(folder, f));
if (files.length === 0) {
  console.error('No saved bench runs: run `npm run bench` first, or name its JSON files.');
  process.exit(1);
}
const runs = files.map((file) => {
  try {
    return { file, ...(JSON.parse(readFileSync(file, 'utf8')) as SavedRun) };
  } catch (error) {
    console.error(`Could not read ${file} as a saved bench run: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
});
const x = (v: number): string => `x${v.toFixed(3)}`;
for (const run of runs) {
  const share = pairedRatio(run.raw.naive, run.raw.cold);
  console.log(`  ${run.date}  ${(run.commit ?? 'commit not saved').padEnd(18)} ${String(run.raw.cold.length).padStart(3)} runs  ${x(share.value)} [${x(share.low)} .. ${x(share.high)}]`);
}
const all = pooled(runs.map((run) => run.raw));
const share = pairedRatio(all.naive, all.cold);
const commits = new Set(runs.map((run) => run.commit ?? '?'));
console.log(`\ncold ÷ naive, ${all.cold.length} runs pooled: ${x(share.value)} [${x(share.low)} .. ${x(share.high)}]: ${verdict(share, COLD_SHARE, all.cold.length)}`);
if (commits.size > 1) console.log(`(pooled across ${commits.size} commits: ${[...commits].join(', ')}; pool runs of one start path only)`);
