// `npx tsx scripts/bench/cpu-split.ts`: where the CPU of a cold visit goes, read from Linux's /proc
// (so Linux only). For each of a few cold visits of the built site (page open to first output
// after Run all): the machine's user, system and idle time; each process's CPU and page faults;
// and, inside the page's renderer, each thread's. For finding what start-up competes with on two
// cores, which a trace cannot show (tracing costs more than it measures here).
//
// What it showed when written (window-functions, 2 cores): about a third of the CPU was the
// kernel's, handling some 130,000 first touches of fresh pages (about 500 MB). The worker's own
// thread touched about 290 MB of them, for a 27 MB snapshot and a 9.6 MB wasm: data read from a
// network response's stream costs the renderer about five times its size in fresh pages.
import { readFileSync, readdirSync } from 'node:fs';
import { preview } from 'vite';
import { firstOutputAt, launchChromium, openPage } from './measure.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4322);
const RECIPE = process.env.BENCH_RECIPE ?? 'window-functions';
const ROUNDS = Number(process.env.BENCH_RUNS ?? 3);
const TICK_MS = 10; // /proc counts CPU in clock ticks of 10 ms (USER_HZ = 100)
const PAGE_KB = 4;

interface Usage {
  name: string;
  faults: number;
  user: number;
  system: number;
}

/** Fields of a /proc stat line after the command name (which may hold spaces). */
function statFields(path: string): { name: string; fields: string[] } {
  const line = readFileSync(path, 'utf8');
  return { name: line.slice(line.indexOf('(') + 1, line.lastIndexOf(')')), fields: line.slice(line.lastIndexOf(')') + 2).split(' ') };
}

/** minflt, utime and stime: fields 10, 14 and 15 of stat, counted from 1 with pid and comm. */
function usageOf(path: string, name: string): Usage {
  const { fields } = statFields(path);
  return { name, faults: Number(fields[7]), user: Number(fields[11]) * TICK_MS, system: Number(fields[12]) * TICK_MS };
}

/**
 * Every process, by pid, named by its command (the kernel's short name) and its Chromium process
 * type. Chromium rewrites its own command line, so the type is found in it, not in one argument.
 */
function processes(): Map<string, Usage> {
  const out = new Map<string, Usage>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const type = /--type=(\S+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))?.[1];
      const path = `/proc/${pid}/stat`;
      out.set(pid, usageOf(path, `${statFields(path).name}${type ? ` (${type})` : ''}`));
    } catch {
      // the process ended while being read
    }
  }
  return out;
}

/** Every thread of Chromium's renderers, by pid/tid, named by the thread's name. */
function rendererThreads(): Map<string, Usage> {
  const out = new Map<string, Usage>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const path = `/proc/${pid}/task/${tid}/stat`;
        out.set(`${pid}/${tid}`, usageOf(path, statFields(path).name));
      }
    } catch {
      // the process ended while being read
    }
  }
  return out;
}

/** user, nice, system, idle from the machine's first /proc/stat line, in ms. */
function machine(): number[] {
  return readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 5).map((t) => Number(t) * TICK_MS);
}

/** What each name used between two readings, summed over its processes or threads, most faults first. */
function spent(before: Map<string, Usage>, after: Map<string, Usage>): (Usage & { count: number })[] {
  const byName = new Map<string, Usage & { count: number }>();
  for (const [key, now] of after) {
    const was = before.get(key) ?? { faults: 0, user: 0, system: 0 };
    const sum = byName.get(now.name) ?? { name: now.name, faults: 0, user: 0, system: 0, count: 0 };
    sum.faults += now.faults - was.faults;
    sum.user += now.user - was.user;
    sum.system += now.system - was.system;
    sum.count += 1;
    byName.set(now.name, sum);
  }
  return [...byName.values()].filter((u) => u.faults > 500 || u.user + u.system >= 30).sort((a, b) => b.faults - a.faults);
}

const row = (u: Usage & { count: number }): string =>
  `  ${`${u.name}${u.count > 1 ? ` x${u.count}` : ''}`.padEnd(34)} user ${String(u.user).padStart(5)} ms  system ${String(u.system).padStart(5)} ms  faults ${String(u.faults).padStart(7)} (${Math.round((u.faults * PAGE_KB) / 1024)} MB)`;

async function main(): Promise<void> {
  const server = await preview({ preview: { port: PORT, strictPort: true }, logLevel: 'silent' });
  const browser = await launchChromium();
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const context = await browser.newContext();
      const page = await openPage(context);
      // Renderer threads come and go during a visit: each is read every 50 ms and its last reading kept.
      const threadsBefore = rendererThreads();
      const threadsAfter = new Map<string, Usage>();
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          for (const [key, usage] of rendererThreads()) threadsAfter.set(key, usage);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      const [procsBefore, cpuBefore] = [processes(), machine()];
      await page.goto(`http://localhost:${PORT}/#/recipe/${RECIPE}`);
      await page.locator('button', { hasText: 'Run all' }).click();
      const first = await firstOutputAt(page);
      const [procsAfter, cpuAfter] = [processes(), machine()];
      sampling = false;
      await sampler;
      const [user, nice, system, idle] = cpuAfter.map((t, i) => t - cpuBefore[i]!);
      console.log(`round ${round}: first output ${first.toFixed(0)} ms; machine: user ${user! + nice!} ms, system ${system} ms, idle ${idle} ms`);
      console.log(' processes:');
      for (const u of spent(procsBefore, procsAfter)) console.log(row(u));
      console.log(' renderer threads:');
      for (const u of spent(threadsBefore, threadsAfter)) console.log(row(u));
      await context.close();
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
