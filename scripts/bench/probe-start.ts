// `npx tsx scripts/bench/probe-start.ts`: one cold and one second visit of the built site, with the
// timeline behind "page open to first output": page load marks, the big fetches, each step of the
// worker's start (on the page's clock), when the catalog became interactive and when the first
// output came.
// For finding where start-up time goes; `npm run bench` gives the figures.
import type { Page } from 'playwright-core';
import { preview } from 'vite';
import { DEEP_QUERY, catalogReadyAt, launchChromium, openPage, firstOutputAt, returnVisitPage, waitForOfflineCache } from './measure.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4321);
const BASE = `http://localhost:${PORT}/`;
const RECIPE = process.env.BENCH_RECIPE ?? 'window-functions';

const WATCH = `${DEEP_QUERY}
  window.__long = [];
  new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__long.push(e.startTime.toFixed(0) + "+" + e.duration.toFixed(0)))).observe({ type: 'longtask', buffered: true });`;

async function visit(page: Page, label: string): Promise<void> {
  page.on('console', (m) => { if (m.text().startsWith('PROBE')) console.log(`  [${label}] ${m.text()}`); });
  await page.goto(`${BASE}#/recipe/${RECIPE}`);
  const clickable = page.locator('button', { hasText: 'Run all' });
  await clickable.waitFor();
  const clickAt = await page.evaluate(() => performance.now());
  await clickable.click();
  const first = await firstOutputAt(page);
  const report = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const rt = (
      document.querySelector('retort-app') as unknown as {
        runtime: { startupLog: { phase: string; done: boolean; elapsedMs: number; durationMs?: number }[]; startupMarks: { step: string; ms: number }[]; snapshot: unknown };
      }
    ).runtime;
    const resources = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((r) => r.duration > 30 || r.transferSize > 100_000)
      .map((r) => `${r.name.replace(location.origin, '')} start ${r.startTime.toFixed(0)} end ${r.responseEnd.toFixed(0)} (${(r.transferSize / 1024).toFixed(0)} KB sent, ${(r.decodedBodySize / 1024).toFixed(0)} KB)`);
    return {
      domContentLoaded: nav.domContentLoadedEventEnd,
      responseEnd: nav.responseEnd,
      paints: performance.getEntriesByType('paint').map((p) => `${p.name} ${p.startTime.toFixed(0)}`),
      longTasks: (window as unknown as { __long: string[] }).__long.join(' '),
      controlled: navigator.serviceWorker.controller !== null,
      worker: rt.startupMarks.map(({ step, ms }) => `${step} @${ms.toFixed(0)}`),
      log: rt.startupLog.map((p) => `${p.phase}${p.done ? ' done' : ''} @${p.elapsedMs.toFixed(0)}${p.durationMs ? ` (${p.durationMs.toFixed(0)})` : ''}`),
      snapshot: rt.snapshot,
      resources,
    };
  });
  const catalog = await catalogReadyAt(page);
  console.log(`\n== ${label}: first output ${first.toFixed(0)} ms, Run all clickable at ${clickAt.toFixed(0)}, catalog ${catalog.toFixed(0)}`);
  console.log(JSON.stringify(report, null, 2));
}

async function main(): Promise<void> {
  const server = await preview({ preview: { port: PORT, strictPort: true }, logLevel: 'silent' });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    await context.addInitScript(WATCH);
    const page = await openPage(context);
    await visit(page, 'cold');
    await waitForOfflineCache(page);
    await visit(await returnVisitPage(context, [page]), 'second');
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
