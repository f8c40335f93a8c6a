// The runtime in a real Chromium, through the page's RuntimeClient and a real module Web Worker:
// start, run a cell, stop a busy loop, restart, survive a crash; Stop without cross-origin
// isolation, where the worker must be replaced; and a first start over a slow connection.
import { expect, test, type Page } from '@playwright/test';
import { snap } from './notebook-page.ts';

interface PageClient {
  status: string;
  canInterrupt: boolean;
  versions?: { python: string; sqlalchemy: string; sqlite: string };
  ready(): Promise<unknown>;
  run(r: { cellId: string; label: string; code: string }, onStream: (c: { name: string; text: string }) => void): Promise<{
    status: string;
    display?: { text: string };
    notices: string[];
    error?: { type: string };
    sql: unknown[];
  }>;
  interrupt(): Promise<void>;
  restart(): Promise<void>;
}

/** Wait for the app's runtime to be ready; returns its versions. */
async function ready(page: Page): Promise<{ python: string; sqlalchemy: string; sqlite: string }> {
  return page.evaluate(async () => {
    const app = document.querySelector('retort-app') as unknown as { runtime?: PageClient };
    while (!app?.runtime) await new Promise((r) => setTimeout(r, 20));
    return (await app.runtime.ready()) as { python: string; sqlalchemy: string; sqlite: string };
  });
}

/** Run code in the page's runtime and return the result with the streamed stdout. */
async function run(page: Page, code: string, stopAfterMs?: number) {
  return page.evaluate(
    async ({ code, stopAfterMs }) => {
      const rt = (document.querySelector('retort-app') as unknown as { runtime: PageClient }).runtime;
      let stdout = '';
      const pending = rt.run({ cellId: `b${Math.random()}`, label: 'cell 1', code }, (c) => {
        if (c.name === 'stdout') stdout += c.text;
      });
      if (stopAfterMs !== undefined) setTimeout(() => void rt.interrupt(), stopAfterMs);
      const result = await pending;
      return { ...result, stdout, statusAfter: rt.status };
    },
    { code, stopAfterMs },
  );
}

test('starts Python in a worker, runs a cell, stops a busy loop, restarts', async ({ page }) => {
  await page.goto('/');
  const versions = await ready(page);
  expect(versions.python).toBe('3.14.2');
  expect(versions.sqlalchemy).toMatch(/^2\.0\./);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  const first = await run(page, 'from sqlalchemy import create_engine, text\nengine = create_engine("sqlite://")\nwith engine.connect() as c:\n    print(c.execute(text("select 6 * 7")).scalar())\n"done"');
  expect(first.status).toBe('ok');
  expect(first.stdout).toBe('42\n');
  expect(first.sql).toHaveLength(1);

  await run(page, 'kept = 1');
  const stopped = await run(page, 'while True:\n    pass', 500);
  expect(stopped.status).toBe('interrupted');
  expect(stopped.error?.type).toBe('KeyboardInterrupt');
  expect((await run(page, 'kept + 1')).display?.text).toBe('2');

  await page.evaluate(() => (document.querySelector('retort-app') as unknown as { runtime: PageClient }).runtime.restart());
  const afterRestart = await run(page, 'kept');
  expect(afterRestart.error?.type).toBe('NameError');
});

test('replaces a crashed worker and says the namespace was reset', async ({ page }) => {
  await page.goto('/');
  await ready(page);
  const crashed = await run(page, 'import os\nos.abort()');
  expect(crashed.status).toBe('crashed');
  expect(crashed.notices.join(' ')).toMatch(/crashed.*namespace was reset/i);
  await ready(page);
  expect((await run(page, '40 + 2')).display?.text).toBe('42');
});

test('without cross-origin isolation, Stop restarts the worker and says so', async ({ page }) => {
  // Serve every response without the isolation headers.
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
  await page.goto('/');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  await ready(page);
  expect(await page.evaluate(() => (document.querySelector('retort-app') as unknown as { runtime: PageClient }).runtime.canInterrupt)).toBe(false);
  await run(page, 'kept = 1');
  const stopped = await run(page, 'while True:\n    pass', 500);
  expect(stopped.status).toBe('interrupted');
  expect(stopped.notices.join(' ')).toMatch(/namespace was reset/);
  await ready(page);
  expect((await run(page, 'kept')).error?.type).toBe('NameError');
  // time.sleep still really waits without shared memory.
  expect((await run(page, 'import time\nt = time.monotonic()\ntime.sleep(0.2)\ntime.monotonic() - t >= 0.2')).display?.text).toBe('True');
});

test('a first visit over a slow connection shows the download coming in, and a screen reader hears the phase, not each percent', async ({ page, context }) => {
  // About 4 MB/s for all the files together: the memory snapshot, the largest, takes seconds.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: 4_000_000, uploadThroughput: 1_000_000 });
  await page.goto('/#/recipe/window-functions');
  const status = page.locator('retort-status').getByRole('status');
  const bar = status.locator('progress');
  const seen: number[] = [];
  await expect
    .poll(async () => {
      const text = (await status.locator('.long').textContent()) ?? '';
      const percent = Number(/^Downloading Python · (\d+)%$/.exec(text)?.[1] ?? NaN);
      if (percent > 0 && percent !== seen.at(-1)) seen.push(percent);
      return seen.length;
    }, { timeout: 30_000, intervals: [100] })
    .toBeGreaterThanOrEqual(2);
  // The figure rises, in step with the bar, below the share left for starting Python from it.
  expect(seen[1]).toBeGreaterThan(seen[0]!);
  expect(seen.every((p) => p < 60)).toBe(true);
  expect(Number(await bar.getAttribute('value'))).toBeGreaterThanOrEqual(seen[1]!);
  // What a screen reader is given: the phase and the bar, and no figure that changes by the second.
  const heard = await status.ariaSnapshot();
  expect(heard).toContain('Downloading Python');
  expect(heard).toContain('progressbar "Python start-up"');
  expect(heard).not.toMatch(/\d+%/);
  await snap(page, 'start-downloading');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await expect(page.locator('retort-status [data-status="ready"]')).toBeVisible({ timeout: 60_000 });
});

test('a first visit downloads the WebAssembly and the scripts brotli-compressed, and Python starts from them and the snapshot', async ({ page, context }) => {
  // The build's precompressed copies, as the preview server sends them (scripts/vite/precompressed.ts).
  const downloads = new Map<string, { encoding: string | undefined; sent: number; decoded: number }>();
  const noted: Promise<void>[] = [];
  context.on('response', (response) => {
    const file = new URL(response.url()).pathname.split('/').pop() ?? '';
    if (!/\.(wasm|m?js)$/.test(file)) return;
    const name = file.replace(/-[\w-]{8}\.js$/, '.js'); // without the build's content hash
    noted.push(
      (async () => {
        const [sizes, body] = await Promise.all([response.request().sizes(), response.body()]);
        downloads.set(name, { encoding: response.headers()['content-encoding'], sent: sizes.responseBodySize, decoded: body.length });
      })(),
    );
  });
  await page.goto('/#/recipe/window-functions');
  await expect(page.locator('retort-status [data-status="ready"]')).toBeVisible({ timeout: 60_000 });
  // From the memory snapshot, whose static data instantiating the module put back, as it checked.
  expect(await page.evaluate(() => (document.querySelector('retort-app') as unknown as { runtime: { snapshot?: unknown } }).runtime.snapshot)).toEqual({ used: true });
  await Promise.all(noted);
  for (const name of ['pyodide.asm.wasm', 'pyodide.asm.mjs', 'index.js', 'retort-notebook.js']) {
    const download = downloads.get(name);
    expect(download?.encoding, name).toBe('br');
    // What travelled is the brotli copy: a third of the WebAssembly, a fifth of the scripts, or less.
    expect(download!.sent, name).toBeGreaterThan(0);
    expect(download!.sent * (name.endsWith('.wasm') ? 2.5 : 3.5), name).toBeLessThan(download!.decoded);
  }
});
