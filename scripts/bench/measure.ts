// What the benchmarks share: summary statistics, how we start Debian's Chromium, and how the app's
// first output is seen.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Min, median and max of a series of measurements. */
export interface Stats {
  min: number;
  median: number;
  max: number;
}

export function stats(values: number[]): Stats {
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
 * shadow roots of host elements, and window.__catalogReady is set when the catalog's search box
 * first exists (the catalog is interactive).
 */
export const CATALOG_WATCH = `
  window.__deep = (sel) => {
    const [host, inner] = sel.split(/ +(.+)/);
    const hosts = [];
    const walk = (r) => r.querySelectorAll('*').forEach((el) => { if (el.matches(host)) hosts.push(el); if (el.shadowRoot) walk(el.shadowRoot); });
    walk(document);
    return hosts.flatMap((h) => [...(h.shadowRoot ?? h).querySelectorAll(inner)]);
  };
  const watch = () => {
    if (window.__deep('retort-catalog input').length) window.__catalogReady = performance.now();
    else requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);`;

/**
 * When the first code cell finished, in the page's clock (ms after page open): the moment a cell's
 * run count appears. Needs CATALOG_WATCH's `__deep` in the page.
 */
export async function firstOutputAt(page: Page, polling = 20): Promise<number> {
  const at = await page.waitForFunction(
    () => {
      const counts = (window as unknown as { __deep(s: string): Element[] }).__deep('retort-cell .count');
      return counts.some((c) => /\[\d+\]/.test(c.textContent ?? '')) ? performance.now() : false;
    },
    undefined,
    { polling, timeout: 120_000 },
  );
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
