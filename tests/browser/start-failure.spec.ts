// A first visit whose Python cannot be downloaded: the page says which file failed and what to
// do, and Try again (from the keyboard) starts Python once the file can be had; cells asked for
// while it starts run once it is up.
import { expect, test } from '@playwright/test';
import { codeCells, readyStatus, seriousViolations, snap, waitIdle } from './notebook-page.ts';

test('a start that fails says why, and Try again starts Python and runs the cells asked for', async ({ page, context }) => {
  // The server answers 503 for Pyodide's WebAssembly, as a host that is down would.
  const wasm = '**/pyodide.asm.wasm';
  await context.route(wasm, (route) => route.fulfill({ status: 503, contentType: 'text/plain', body: 'Service Unavailable' }));
  await page.goto('/#/recipe/window-functions');
  await expect(codeCells(page).first()).toBeVisible();
  const problem = page.locator('retort-start-problem').getByRole('alert');
  await expect(problem).toContainText('Python could not start: could not download pyodide.asm.wasm (HTTP 503)');
  await expect(problem).toContainText('Check the connection, then try again');
  await expect(page.locator('retort-status [data-status="failed"]')).toBeVisible();
  // The message takes its own room under the header: the recipe's title stays in view below it.
  const banner = (await problem.boundingBox())!;
  const title = (await page.locator('retort-recipe-header h1').boundingBox())!;
  expect(title.y).toBeGreaterThanOrEqual(banner.y + banner.height);
  expect(await seriousViolations(page)).toEqual([]);
  await snap(page, 'start-failed');

  // The host is back: Try again, from the keyboard (the button took the focus from the recipe's
  // heading when the message came), then Run all at once: its cells wait for the new start.
  await context.unroute(wasm);
  await expect(problem.getByRole('button', { name: 'Try again' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('retort-status [data-status="starting"]')).toBeVisible();
  // The focus goes back where the banner took it from, not to the start of the page.
  await expect(page.locator('retort-recipe-header')).toBeFocused();
  await page.getByRole('button', { name: /Run all/ }).click();
  await expect(readyStatus(page).or(page.locator('retort-status [data-status="busy"]'))).toBeVisible();
  await expect(problem).toHaveCount(0);
  await waitIdle(page);
  await expect(codeCells(page).nth(1).locator('retort-cell-output table')).toBeVisible();
  await expect(codeCells(page).locator('.error')).toHaveCount(0);
});

test('a standard library that could not be downloaded fails the start, rather than Python coming up without it', async ({ page, context }) => {
  // Pyodide itself logs this failure and carries on; a cell importing a module the snapshot had
  // not imported would then fail with ModuleNotFoundError and no word of why.
  const stdlib = '**/python_stdlib.zip';
  await context.route(stdlib, (route) => route.fulfill({ status: 503, contentType: 'text/plain', body: 'Service Unavailable' }));
  await page.goto('/#/recipe/window-functions');
  const problem = page.locator('retort-start-problem').getByRole('alert');
  await expect(problem).toContainText('Python could not start: could not download python_stdlib.zip (HTTP 503)');
  await expect(readyStatus(page)).toHaveCount(0);

  await context.unroute(stdlib);
  await problem.getByRole('button', { name: 'Try again' }).click();
  await expect(readyStatus(page)).toBeVisible({ timeout: 60_000 });
  await expect(problem).toHaveCount(0);
});

test('a damaged memory snapshot is refused by its checksum, and Python starts the slow way and runs the recipe', async ({ page, context }) => {
  // One byte changed near the end of the download: the last frame's checksum no longer matches.
  await context.route('**/snapshot.bin.zstd', async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    body[body.length - 3]! ^= 0x40;
    await route.fulfill({ response, body });
  });
  await page.goto('/#/recipe/window-functions');
  await expect(readyStatus(page)).toBeVisible({ timeout: 90_000 });
  const snapshot = await page.evaluate(() => (document.querySelector('retort-app') as unknown as { runtime: { snapshot?: { used: boolean; reason?: string } } }).runtime.snapshot);
  expect(snapshot?.used).toBe(false);
  expect(snapshot?.reason).toMatch(/the Zstandard frame at byte \d+ does not decode: the file is damaged/);
  await page.getByRole('button', { name: /Run all/ }).click();
  await waitIdle(page);
  await expect(codeCells(page).nth(1).locator('retort-cell-output table')).toBeVisible();
  await expect(codeCells(page).locator('.error')).toHaveCount(0);
});
