// After one visit the service worker holds the app, every recipe, Pyodide, the wheels and the
// memory snapshot: with the network off, the app opens, Python starts, and recipes run.
import { expect, test } from '@playwright/test';
import { codeCells, openRecipe, readyStatus, runAllCleanly, snap, waitForOfflineCache } from './notebook-page.ts';

test('works offline after one visit', async ({ page, context }) => {
  const downloaded: string[] = [];
  context.on('request', (request) => downloaded.push(new URL(request.url()).pathname.split('/').pop() ?? ''));
  await openRecipe(page, 'upsert-on-conflict');
  // The service worker registers once Python is ready and quiet; wait until it has precached everything.
  await waitForOfflineCache(page);
  // SQLAlchemy's sources came once Python was quiet; the compiled files of the modules the snapshot
  // holds are for a start without it, and were not downloaded.
  await expect.poll(() => downloaded.includes('site-packages-later.zstd')).toBe(true);
  expect(downloaded).toContain('site-packages.zstd');
  expect(downloaded).not.toContain('site-packages-compiled.zstd');
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('retort-notebook retort-cell').first()).toBeVisible();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(readyStatus(page)).toBeVisible();
  await runAllCleanly(page);
  // Another recipe, never opened online, opens and runs too.
  await page.goto('/#/recipe/window-functions');
  await expect(page.getByRole('heading', { level: 1, name: /Window functions/ })).toBeVisible();
  await expect(readyStatus(page)).toBeVisible();
  await runAllCleanly(page);
  await expect(codeCells(page).nth(1).locator('retort-cell-output table')).toBeVisible();
  await snap(page, 'offline-run');
});

test('comes back offline later: every tab closed and the service worker stopped', async ({ page, context }) => {
  await openRecipe(page, 'window-functions');
  await waitForOfflineCache(page);
  // Offline first: Playwright's setOffline hangs when it is called after the worker was stopped.
  await context.setOffline(true);
  const later = await context.newPage();
  await page.close();
  const cdp = await context.newCDPSession(later);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  await later.goto('/#/recipe/window-functions');
  await expect(later.getByRole('heading', { level: 1, name: /Window functions/ })).toBeVisible();
  await expect(readyStatus(later)).toBeVisible();
  await runAllCleanly(later);
  await expect(codeCells(later).nth(1).locator('retort-cell-output table')).toBeVisible();
});
