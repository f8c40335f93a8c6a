// A new deployment is picked up on a later visit, whole: never old app files beside new ones.
// Two builds of the app, the second with a recipe retitled, served in turn from one address by a
// small server in this test; one browser profile visits before and after the swap.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { codeCells, readyStatus, runAllCleanly, waitForOfflineCache } from './notebook-page.ts';

const SLUG = 'window-functions';
const OLD_TITLE = 'Window functions for running totals and ranks';
const NEW_TITLE = 'Window functions, as deployed the second time';
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

let work: string;
let served: string;
let server: Server;
let origin: string;
const missing: string[] = [];

function build(outDir: string, env: Record<string, string> = {}): void {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { env: { ...process.env, ...env, RETORT_DIST: outDir }, stdio: ['ignore', 'ignore', 'inherit'] });
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  work = mkdtempSync(join(tmpdir(), 'retort-deploy-'));
  build(join(work, 'first'));
  const recipes = join(work, 'recipes');
  cpSync('recipes', recipes, { recursive: true });
  const file = join(recipes, `${SLUG}.md`);
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(`title: ${OLD_TITLE}\n`);
  writeFileSync(file, text.replace(`title: ${OLD_TITLE}\n`, `title: ${NEW_TITLE}\n`).replace(`# ${OLD_TITLE}\n`, `# ${NEW_TITLE}\n`));
  build(join(work, 'second'), { RETORT_RECIPES_DIR: recipes });
  served = join(work, 'first');
  // What a static host does: the files of the current deployment, with the isolation headers.
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(served, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Cache-Control', 'no-cache');
    if (!existsSync(file)) {
      missing.push(path);
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Open the recipe, wait for Python and the offline cache, and say which deployment the page shows. */
async function visit(page: Page): Promise<string> {
  await page.goto(`${origin}/#/recipe/${SLUG}`);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(/Window functions/);
  await expect(readyStatus(page)).toBeVisible();
  await waitForOfflineCache(page);
  const title = (await heading.textContent())?.trim() ?? '';
  // The side bar, from the same deployment as the page.
  await expect(page.locator('retort-catalog a', { hasText: title })).toHaveCount(1);
  return title;
}

test('a new deployment is picked up on a later visit, never mixed with the old one', async ({ browser }) => {
  test.setTimeout(300_000);
  const context = await browser.newContext();
  const first = await context.newPage();
  expect(await visit(first)).toBe(OLD_TITLE);
  await first.close();

  served = join(work, 'second');
  // The visit that finds the update still shows the old deployment, whole and working...
  const second = await context.newPage();
  expect([OLD_TITLE, NEW_TITLE]).toContain(await visit(second));
  await runAllCleanly(second);
  // ...while the new one installs beside it.
  await second.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    await registration.update();
    while (registration.installing) await new Promise((r) => setTimeout(r, 100));
  });
  await second.close();
  // With its last page closed, the old deployment's service worker hands over to the new one.
  await expect
    .poll(async () => {
      for (const worker of context.serviceWorkers()) {
        const handedOver = await worker
          .evaluate(() => {
            const { registration } = globalThis as unknown as { registration: ServiceWorkerRegistration };
            return registration.waiting === null && registration.installing === null && registration.active?.state === 'activated';
          })
          .catch(() => false);
        if (handedOver) return true;
      }
      return false;
    })
    .toBe(true);

  // The next visit shows the new deployment, and it works.
  const third = await context.newPage();
  expect(await visit(third)).toBe(NEW_TITLE);
  await runAllCleanly(third);
  await expect(codeCells(third).nth(1).locator('retort-cell-output table')).toBeVisible();
  // Nothing the pages asked for was missing from the deployment being served.
  expect(missing).toEqual([]);

  // The new deployment's Python files were kept as they were downloaded: offline, Python starts
  // from the memory snapshot (not the slow way round) and runs.
  await context.setOffline(true);
  await third.reload();
  await expect(readyStatus(third)).toBeVisible();
  expect(await third.evaluate(() => (document.querySelector('retort-app') as unknown as { runtime: { snapshot?: { used: boolean } } }).runtime.snapshot)).toEqual({ used: true });
  await runAllCleanly(third);
  await context.close();
});
