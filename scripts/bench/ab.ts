// `npx tsx scripts/bench/ab.ts dist-a dist-b`: two builds of the site, measured in turns, so that
// the load of a shared machine falls on both alike. For each build and round: a cold visit, then a
// second visit in the same browser context (its tab closed and its service worker stopped first),
// each timed from page open to the first finished code cell after Run all, and the cold visit's
// catalog from page open to interactive. Prints both builds' medians, then each later build's
// difference from the first with a 95 % interval (scripts/bench/paired.ts): an interval that holds
// zero means the rounds did not tell the builds apart. For deciding whether a change to start-up
// pays; `npm run bench` gives the figures against their targets.
import type { Page } from 'playwright-core';
import { preview } from 'vite';
import { DEEP_QUERY, catalogReadyAt, launchChromium, openPage, firstOutputAt, ms, returnVisitPage, stats, waitForOfflineCache } from './measure.ts';
import { pairedDifference, type Estimate } from './paired.ts';

const ROUNDS = Number(process.env.BENCH_RUNS ?? 5);
const RECIPE = process.env.BENCH_RECIPE ?? 'window-functions';
const PORT = Number(process.env.BENCH_PORT ?? 4850);
// BENCH_MBPS=40: the cold visit over a connection of that many megabits a second, with a 20 ms
// round trip (Chromium's own throttling, which a dedicated worker's downloads obey too). Loopback
// hides what a smaller download is worth to a person on a real connection.
const MBPS = Number(process.env.BENCH_MBPS ?? 0);

/** Throttle the page's (and its workers') network as a real connection would. */
async function throttle(page: Page): Promise<void> {
  if (!MBPS) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const bytesPerSecond = (MBPS * 1_000_000) / 8;
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond });
}

async function firstOutput(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.locator('button', { hasText: 'Run all' }).click();
  return firstOutputAt(page);
}

async function main(): Promise<void> {
  const dists = process.argv.slice(2);
  if (dists.length < 2) throw new Error('usage: tsx scripts/bench/ab.ts <dist-a> <dist-b> [...]');
  const servers = await Promise.all(
    dists.map((outDir, i) => preview({ build: { outDir }, preview: { port: PORT + i, strictPort: true }, logLevel: 'silent' })),
  );
  const browser = await launchChromium();
  const results = dists.map(() => ({ cold: [] as number[], second: [] as number[], catalog: [] as number[] }));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, dist] of dists.entries()) {
        const url = `http://localhost:${PORT + i}/#/recipe/${RECIPE}`;
        const context = await browser.newContext();
        await context.addInitScript(DEEP_QUERY);
        const page = await openPage(context);
        await throttle(page);
        const cold = await firstOutput(page, url);
        const catalog = await catalogReadyAt(page);
        await waitForOfflineCache(page);
        const second = await firstOutput(await returnVisitPage(context, [page]), url);
        await context.close();
        results[i]!.cold.push(cold);
        results[i]!.second.push(second);
        results[i]!.catalog.push(catalog);
        console.log(`round ${round + 1} ${dist}: cold ${ms(cold)}, second ${ms(second)}, catalog ${ms(catalog)}`);
      }
    }
  } finally {
    await browser.close();
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.httpServer.close(() => resolve()))));
  }
  for (const [i, dist] of dists.entries()) {
    const c = stats(results[i]!.cold);
    const s = stats(results[i]!.second);
    const k = stats(results[i]!.catalog);
    console.log(
      `${dist}: cold ${ms(c.median)} [${ms(c.min)} .. ${ms(c.max)}], second ${ms(s.median)} [${ms(s.min)} .. ${ms(s.max)}], catalog ${ms(k.median)} [${ms(k.min)} .. ${ms(k.max)}]`,
    );
  }
  // Each later build against the first: the difference of medians, and whether the rounds can tell it from noise.
  if (ROUNDS < 2) return;
  const signed = (v: number): string => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${ms(Math.abs(v))}`;
  const told = (d: Estimate): string =>
    `${signed(d.value)} [${signed(d.low)} .. ${signed(d.high)}]${d.low <= 0 && d.high >= 0 ? ', not told apart' : ''}`;
  for (const [i, dist] of dists.entries()) {
    if (i === 0) continue;
    const [first, other] = [results[0]!, results[i]!];
    console.log(
      `${dist} against ${dists[0]}: cold ${told(pairedDifference(first.cold, other.cold))}, second ${told(pairedDifference(first.second, other.second))} (95 % intervals, rounds resampled)`,
    );
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
