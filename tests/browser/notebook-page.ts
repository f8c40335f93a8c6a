// What a person does on the notebook page, as steps the browser tests share.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

export const RECIPE = 'window-functions';

/** Save a screenshot for review (screenshots/ is git-ignored). */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: false });
}

/** The status area once Python is ready. */
export function readyStatus(page: Page): Locator {
  return page.locator('retort-status [data-status="ready"]');
}

/** Open a recipe by its link and wait for Python. */
export async function openRecipe(page: Page, slug = RECIPE): Promise<void> {
  await page.goto(`/#/recipe/${slug}`);
  await expect(page.locator('retort-notebook retort-cell').first()).toBeVisible();
  await expect(readyStatus(page)).toBeVisible();
}

/** Wait until the page's service worker is active: the app is then precached for offline use. */
export async function waitForOfflineCache(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    while (registration.active?.state !== 'activated') await new Promise((r) => setTimeout(r, 100));
  });
}

/** All cells, Markdown and code, in order. */
export function cells(page: Page): Locator {
  return page.locator('retort-notebook retort-cell');
}

/** Code cells only, in order. */
export function codeCells(page: Page): Locator {
  return page.locator('retort-notebook retort-cell').filter({ has: page.locator('.cell.code') });
}

/** Wait until nothing is queued or running. */
export async function waitIdle(page: Page): Promise<void> {
  await expect(page.locator('retort-cell .running, retort-cell .queued')).toHaveCount(0);
}

/** Press Run all, wait until every cell has run, and check that none failed. */
export async function runAllCleanly(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Run all/ }).click();
  await waitIdle(page);
  await expect(codeCells(page).locator('.error')).toHaveCount(0);
}

/** Add a code cell at the end with this code, and return it. */
export async function addCodeCell(page: Page, code: string): Promise<Locator> {
  await page.getByRole('button', { name: '+ Cell' }).click();
  const cell = cells(page).last();
  await expect(cell.locator('.cm-content')).toBeFocused();
  await page.keyboard.insertText(code);
  return cell;
}

/** Serious or critical axe violations on the page, one line each (empty when there are none). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
