// The run queue: Stop in the middle of a queue, Run above, and output that would swamp the page.
import { expect, test } from '@playwright/test';
import { addCodeCell, codeCells, openRecipe, readyStatus, waitIdle } from './notebook-page.ts';

test('Stop in the middle of a queue stops the running cell and drops the rest', async ({ page }) => {
  await openRecipe(page);
  await page.getByRole('button', { name: /Run all/ }).click();
  await waitIdle(page);
  await addCodeCell(page, 'import time\ntime.sleep(60)');
  await addCodeCell(page, 'print("should not run")');
  const all = codeCells(page);
  const n = await all.count();
  const slow = all.nth(n - 2);
  const after = all.nth(n - 1);
  // Run everything again: the recipe's cells, then the sleeper, then the last cell, in order.
  await page.getByRole('button', { name: /Run all/ }).click();
  await expect(slow.locator('.running')).toBeVisible();
  await expect(after.locator('.count')).toHaveText('[*]');
  await page.getByRole('button', { name: /Stop/ }).click();
  await waitIdle(page);
  await expect(slow.locator('retort-cell-output')).toContainText(/KeyboardInterrupt|Stopped/);
  await expect(after.locator('retort-cell-output')).not.toContainText('should not run');
  await expect(after.locator('.count')).toHaveText('[ ]');
  await expect(readyStatus(page)).toBeVisible();
});

test('Run above runs the cells above the selected one, in order, and not the cell itself', async ({ page }) => {
  await openRecipe(page);
  const code = codeCells(page);
  const count = await code.count();
  await code.last().locator('.cm-content').click();
  await page.getByRole('button', { name: 'Run above' }).click();
  await waitIdle(page);
  for (let i = 0; i < count - 1; i++) await expect(code.nth(i).locator('.count')).toHaveText(`[${i + 1}]`);
  await expect(code.last().locator('.count')).toHaveText('[ ]');
});

test('output that would swamp the page is cut with a notice, and the page stays usable', async ({ page }) => {
  await openRecipe(page);
  const loud = await addCodeCell(page, 'for i in range(50_000):\n    print("line", i)');
  await page.keyboard.press('Control+Enter');
  await waitIdle(page);
  await expect(loud.locator('retort-cell-output')).toContainText(/Output was cut at 10,000 lines/);
  await expect(loud.locator('retort-cell-output')).not.toContainText('line 10000\n');
  const next = await addCodeCell(page, '6 * 7');
  await page.keyboard.press('Control+Enter');
  await expect(next.locator('retort-cell-output pre.display')).toHaveText('42');
});
