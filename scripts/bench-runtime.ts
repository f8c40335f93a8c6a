// `npm run bench:runtime`: start-up phases, SQLAlchemy's import time and a trivial cell's round
// trip, in Node and in Chromium, printed beside their targets and beside a naive baseline measured
// in the same run (import from .py sources, without the precompiled bytecode). Saves
// bench-results/runtime.json. A benchmark, not a test: these machines are shared and noisy.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { preview } from 'vite';
import type { RuntimeEvent } from '../src/protocol/runtime-api.ts';
import { provisionedWheels, startNodeRuntime } from '../src/runtime/node-host.ts';
import { launchChromium, ms, stats, type Stats } from './bench/measure.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ROUND_TRIPS = 40;
const root = process.cwd();

const row = (name: string, s: Stats, target?: number, baseline?: number): string => {
  const verdict = target === undefined ? '' : s.median <= target ? `  target <= ${ms(target)}: met` : `  target <= ${ms(target)}: MISSED`;
  const base = baseline === undefined ? '' : `  baseline ${ms(baseline)} (x${(s.median / baseline).toFixed(2)})`;
  return `  ${name.padEnd(34)} median ${ms(s.median).padStart(9)}  [${ms(s.min)} .. ${ms(s.max)}]${verdict}${base}`;
};

/** Start-up phase durations from progress events. */
function phases(events: { phase: string; done: boolean; durationMs?: number }[]): Record<string, number> {
  return Object.fromEntries(events.filter((e) => e.done && e.durationMs !== undefined).map((e) => [e.phase, e.durationMs!]));
}

async function benchNode(): Promise<Record<string, unknown>> {
  const perRun: Record<string, number>[] = [];
  const trips: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const events: RuntimeEvent[] = [];
    const t0 = performance.now();
    const rt = await startNodeRuntime((e) => events.push(e));
    const total = performance.now() - t0;
    const ready = events.find((e) => e.kind === 'ready');
    perRun.push({
      ...phases(events.flatMap((e) => (e.kind === 'progress' ? [e.progress] : []))),
      importOrm: ready?.kind === 'ready' ? ready.importMs : NaN,
      total,
    });
    for (let j = 0; j < ROUND_TRIPS; j++) {
      const t = performance.now();
      await rt.run({ cellId: 'bench', label: 'bench', code: '1 + 1' });
      trips.push(performance.now() - t);
    }
  }
  // Baseline: the same wheels with their bytecode removed, imported from source.
  const baseline: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { loadPyodide } = await import('pyodide');
    const py = await loadPyodide({ indexURL: `${join(root, 'node_modules', 'pyodide')}/` });
    for (const wheel of provisionedWheels()) py.unpackArchive(new Uint8Array(readFileSync(wheel)), 'wheel', { extractDir: '/lib/python3.14/site-packages' });
    py.runPython('import pathlib, shutil\nfor p in pathlib.Path("/lib/python3.14/site-packages").rglob("__pycache__"): shutil.rmtree(p)');
    const t = performance.now();
    py.runPython('import sqlalchemy.orm');
    baseline.push(performance.now() - t);
  }
  return { perRun, roundTrip: stats(trips), importBaseline: stats(baseline) };
}

async function benchChromium(): Promise<Record<string, unknown>> {
  if (!existsSync(join(root, process.env.RETORT_DIST ?? 'dist', 'index.html'))) execFileSync('npx', ['vite', 'build'], { stdio: 'inherit' });
  const server = await preview({ preview: { port: 4318, strictPort: true }, logLevel: 'silent' });
  const base = 'http://localhost:4318/';
  const browser = await launchChromium();
  const perRun: Record<string, number>[] = [];
  const trips: number[] = [];
  const baseline: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const page = await (await browser.newContext()).newPage();
      const t0 = Date.now();
      await page.goto(base);
      const log = await page.evaluate(async () => {
        const app = document.querySelector('retort-app') as unknown as {
          runtime: { ready(): Promise<unknown>; startupLog: unknown[]; importMs: number };
        };
        while (!app?.runtime) await new Promise((r) => setTimeout(r, 20));
        await app.runtime.ready();
        return { phases: app.runtime.startupLog, importMs: app.runtime.importMs };
      });
      const total = Date.now() - t0;
      perRun.push({
        ...phases(log.phases as { phase: string; done: boolean; durationMs?: number }[]),
        importOrm: log.importMs,
        pageOpenToReady: total,
      });
      const runTrips = await page.evaluate(async (n) => {
        const app = document.querySelector('retort-app') as unknown as {
          runtime: { run(r: { cellId: string; label: string; code: string }, s: () => void): Promise<unknown> };
        };
        const out: number[] = [];
        for (let j = 0; j < n; j++) {
          const t = performance.now();
          await app.runtime.run({ cellId: 'bench', label: 'bench', code: '1 + 1' }, () => {});
          out.push(performance.now() - t);
        }
        return out;
      }, ROUND_TRIPS);
      trips.push(...runTrips);
      // Baseline in the same page: a bare worker loads the same Pyodide and wheels, strips the
      // bytecode and imports SQLAlchemy from source.
      const naive = await page.evaluate(async (origin) => {
        const manifest = (await (await fetch(`${origin}wheels/manifest.json`)).json()) as { packages: { file: string }[]; base?: string };
        // A build keeps Pyodide and the wheels in the versioned folder the manifest names (scripts/bench/measure.ts pythonPaths).
        const index = `${origin}${manifest.base ?? 'pyodide/'}`;
        const source = `
          const { loadPyodide } = await import(${JSON.stringify(`${index}pyodide.mjs`)});
          const py = await loadPyodide({ indexURL: ${JSON.stringify(index)} });
          for (const f of ${JSON.stringify(manifest.packages.map((p) => `${origin}${manifest.base ?? 'wheels/'}${p.file}`))}) {
            py.unpackArchive(await (await fetch(f)).arrayBuffer(), 'wheel', { extractDir: '/lib/python3.14/site-packages' });
          }
          py.runPython('import pathlib, shutil\\nfor p in pathlib.Path("/lib/python3.14/site-packages").rglob("__pycache__"): shutil.rmtree(p)');
          const t = performance.now();
          py.runPython('import sqlalchemy.orm');
          postMessage(performance.now() - t);`;
        const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), { type: 'module' });
        return new Promise<number>((resolve, reject) => {
          worker.onmessage = (e: MessageEvent<number>) => {
            worker.terminate();
            resolve(e.data);
          };
          worker.onerror = (e) => reject(new Error(e.message));
        });
      }, base);
      baseline.push(naive);
      await page.context().close();
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
  return { perRun, roundTrip: stats(trips), importBaseline: stats(baseline) };
}

function report(host: string, result: Record<string, unknown>): void {
  const perRun = result.perRun as Record<string, number>[];
  const col = (key: string): Stats => stats(perRun.map((r) => r[key] ?? NaN));
  const importBaseline = (result.importBaseline as Stats).median;
  console.log(`\n${host} (${RUNS} runs)`);
  console.log(row('load-runtime (loadPyodide)', col('load-runtime')));
  console.log(row('install-packages', col('install-packages')));
  console.log(row('import sqlalchemy.orm (after snapshot)', col('importOrm'), host === 'Chromium' ? 800 : undefined, importBaseline));
  console.log(row('import phase (orm + Retort glue)', col('import')));
  console.log('  (baseline: the same wheels with their bytecode removed, imported in a plain Pyodide)');
  const totalKey = host === 'Chromium' ? 'pageOpenToReady' : 'total';
  console.log(row(host === 'Chromium' ? 'page open to ready' : 'start to ready', col(totalKey)));
  console.log(row(`trivial cell round trip (x${ROUND_TRIPS * RUNS})`, result.roundTrip as Stats, 15));
}

const node = await benchNode();
report('Node', node);
const browser = await benchChromium();
report('Chromium', browser);
mkdirSync(join(root, 'bench-results'), { recursive: true });
writeFileSync(
  join(root, 'bench-results', 'runtime.json'),
  `${JSON.stringify({ date: new Date().toISOString(), runs: RUNS, node, chromium: browser }, null, 2)}\n`,
);
console.log('\nSaved bench-results/runtime.json');
process.exit(0);
