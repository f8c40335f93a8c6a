// What the benchmarks share: summary statistics, how we start Debian's Chromium, and how the app's
// first output is seen.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CATALOG_READY_MARK, CELL_OUTPUT_MARK } from '../../src/components/marks.ts';

/** Min, median and max of a series of measurements. */
export interface Stats {
  min: number;
  median: number;
  max: number;
}

export function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0] ?? NaN, median: sorted[Math.floor(sorted.length / 2)] ?? NaN, max: sorted[sorted.length - 1] ?? NaN };
}

/** Milliseconds for a person: `840.2 ms`, `7.44 s`. */
export function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
}

/** Launch options for Debian's Chromium (Playwright's own browsers cannot be downloaded here). */
export const chromiumOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  // Without the networking flags Chromium keeps trying hosts this closed network refuses.
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
};

/** Debian's Chromium, for the benches. */
export const launchChromium = (): Promise<Browser> => chromium.launch(chromiumOptions);

/**
 * A new page, once its window has settled. Headless Chromium gives each new window its own
 * browser UI, and the WebUI renderer behind the address bar's popup takes about 1.4 s of CPU in
 * the window's first three seconds (measured here from /proc). On two cores a visit measured at
 * once pays for that, where a person opening a link in a browser that is already open does not.
 */
export async function openPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  return page;
}
const SETTLE_MS = 3000;

/**
 * Where a build keeps Pyodide and the wheels, relative to the site root: a build moves them into
 * the versioned folder its wheels/manifest.json names as `base` (scripts/vite/python-files.ts).
 */
export function pythonPaths(manifest: { packages: { file: string }[]; base?: string }): { indexURL: string; wheels: string[] } {
  return {
    indexURL: manifest.base ?? 'pyodide/',
    wheels: manifest.packages.map((p) => `${manifest.base ?? 'wheels/'}${p.file}`),
  };
}

/**
 * Page-side script for addInitScript: window.__deep("host inner") finds elements inside the
 * shadow roots of host elements (for checks on the page's state; the timings below use marks).
 */
export const DEEP_QUERY = `
  window.__deep = (sel) => {
    const [host, inner] = sel.split(/ +(.+)/);
    const hosts = [];
    const walk = (r) => r.querySelectorAll('*').forEach((el) => { if (el.matches(host)) hosts.push(el); if (el.shadowRoot) walk(el.shadowRoot); });
    walk(document);
    return hosts.flatMap((h) => [...(h.shadowRoot ?? h).querySelectorAll(inner)]);
  };`;

/**
 * When the first code cell showed a finished run, in the page's clock (ms after page open): the
 * app's User Timing mark (src/components/marks.ts), set as the run count appears. Until the
 * fifth session the bench walked the page's DOM every 20-50 ms to see the count instead, which
 * read late by up to the polling interval and took main-thread time from the start it measured.
 */
export async function firstOutputAt(page: Page): Promise<number> {
  const at = await page.waitForFunction(
    (name) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? false,
    CELL_OUTPUT_MARK,
    { polling: 50, timeout: 120_000 },
  );
  return (await at.jsonValue()) as number;
}

/** When the catalog's search box was first on the page (ms after page open), from the app's mark. */
export async function catalogReadyAt(page: Page): Promise<number> {
  const at = await page.waitForFunction((name) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? false, CATALOG_READY_MARK, { timeout: 120_000 });
  return (await at.jsonValue()) as number;
}

/**
 * A page for a person coming back: the site's open tabs are closed and its service worker is
 * stopped, as after a while away; the caches stay as the earlier visit left them. A new tab while
 * another is open is quicker, and flatters the figure: its service worker is running, and V8
 * reuses the WebAssembly the other tab's Python compiled in the same process (1.8 against 2.6 s).
 */
export async function returnVisitPage(context: BrowserContext, open: Page[]): Promise<Page> {
  for (const page of open) await page.close();
  const page = await openPage(context);
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  return page;
}

/** Wait until the page's service worker is active: the offline cache is then filled (the app precached). */
export async function waitForOfflineCache(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    while (registration.active?.state !== 'activated') await new Promise((r) => setTimeout(r, 100));
  });
}
