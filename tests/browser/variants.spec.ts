// A person's own copies of recipes: autosave, drafts, named variants, the side bar list.
import { expect, test } from '@playwright/test';
import { snap } from './notebook-page.ts';
import { addLine, codeEditor, myVariants, openRecipeCells, saveAs, variantBar, waitSaved } from './variants-page.ts';

const RECIPE = 'window-functions';

test('edit then reload within 300 ms: the edit is there, marked as my draft; back to the original and undo', async ({ page }) => {
  await openRecipeCells(page, RECIPE);
  await expect(variantBar(page)).toContainText('Shipped recipe');
  await addLine(page, 0, '# my edit 1');
  await page.waitForTimeout(150);
  await page.reload();
  await expect(codeEditor(page, 0)).toContainText('# my edit 1');
  await expect(variantBar(page)).toContainText('Your draft');
  await expect(myVariants(page).getByRole('link', { name: /Window functions.*draft/ })).toBeVisible();
  await snap(page, 'variants-draft');

  await variantBar(page).getByRole('button', { name: 'Back to the original' }).click();
  await expect(variantBar(page)).toContainText('Shipped recipe');
  await expect(codeEditor(page, 0)).not.toContainText('# my edit 1');
  await page.locator('retort-notice').getByRole('button', { name: 'Undo' }).click();
  await expect(codeEditor(page, 0)).toContainText('# my edit 1');
  await expect(variantBar(page)).toContainText('Your draft');
});

test('save as two named variants, list them, rename, duplicate, delete with undo', async ({ page }) => {
  await openRecipeCells(page, RECIPE);
  await addLine(page, 0, '# first variant');
  await waitSaved(page);
  await saveAs(page, 'First try');
  const firstUrl = page.url();
  // The recipe page shows the shipped text again: the draft became the named variant.
  await openRecipeCells(page, RECIPE);
  await expect(variantBar(page)).toContainText('Shipped recipe');
  await addLine(page, 1, '# second variant');
  await saveAs(page, 'Second try');

  const list = myVariants(page);
  await expect(list.getByRole('link')).toHaveCount(2);
  await expect(list.getByRole('link').first()).toContainText('Second try');
  await expect(list.getByRole('link').first()).toContainText('from Window functions for running totals');

  await page.goto(firstUrl);
  await expect(codeEditor(page, 0)).toContainText('# first variant');
  await expect(codeEditor(page, 1)).not.toContainText('# second variant');

  await list.getByRole('button', { name: 'Rename First try' }).click();
  await list.getByLabel('New name for First try').fill('Renamed try');
  await page.keyboard.press('Enter');
  await expect(list.getByRole('link', { name: /Renamed try/ })).toBeVisible();
  await list.getByRole('button', { name: 'Duplicate Renamed try' }).click();
  await expect(list.getByRole('link', { name: /Renamed try \(copy\)/ })).toBeVisible();
  await list.getByRole('button', { name: 'Delete Renamed try (copy)' }).click();
  await expect(list.getByRole('link')).toHaveCount(2);
  await page.locator('retort-notice').getByRole('button', { name: 'Undo' }).click();
  await expect(list.getByRole('link', { name: /Renamed try \(copy\)/ })).toBeVisible();
  // Edits to the open, renamed variant still save to it (no conflict with the rename).
  await addLine(page, 0, '# after rename');
  await waitSaved(page);
  await page.reload();
  await expect(codeEditor(page, 0)).toContainText('# after rename');
  await expect(variantBar(page).locator('.name')).toHaveText('Renamed try');
  await snap(page, 'variants-list');
  // At phone width, in the catalog opened from the keyboard, Escape in an emptied rename field
  // cancels the rename and leaves the catalog open.
  await page.setViewportSize({ width: 390, height: 800 });
  await page.getByRole('button', { name: 'Recipes' }).press('Enter');
  await list.getByRole('button', { name: 'Rename Second try' }).click();
  await list.getByLabel('New name for Second try').fill('');
  await page.keyboard.press('Escape');
  await expect(list.getByLabel('New name for Second try')).toHaveCount(0);
  await expect(list.getByRole('link', { name: /Second try/ })).toBeVisible();
  await expect(page.getByLabel('Search recipes')).toBeVisible();
});

test('compare with the shipped recipe, revert one cell and undo, revert all', async ({ page }) => {
  await openRecipeCells(page, RECIPE);
  await addLine(page, 0, '# changed first');
  await addLine(page, 1, '# changed second');
  await waitSaved(page);
  await variantBar(page).getByRole('button', { name: 'Compare with original' }).click();
  const compare = page.locator('retort-compare');
  await expect(compare.locator('.row')).toHaveCount(2);
  await expect(compare.locator('retort-cell-diff').first()).toContainText('# changed first');
  await snap(page, 'variants-compare');
  await compare.getByRole('button', { name: /Revert Cell 2, changed/ }).click();
  await expect(compare.locator('.row')).toHaveCount(1);
  await page.locator('retort-notice').getByRole('button', { name: 'Undo' }).click();
  await expect(compare.locator('.row')).toHaveCount(2);
  await compare.getByRole('button', { name: /Revert Cell 2, changed/ }).click();
  await compare.getByRole('button', { name: 'Back to the notebook' }).click();
  await expect(codeEditor(page, 0)).not.toContainText('# changed first');
  await expect(codeEditor(page, 1)).toContainText('# changed second');
  await waitSaved(page);
  await page.reload();
  await expect(codeEditor(page, 0)).not.toContainText('# changed first');
  await expect(codeEditor(page, 1)).toContainText('# changed second');
  await variantBar(page).getByRole('button', { name: 'Compare with original' }).click();
  await compare.getByRole('button', { name: 'Revert all' }).click();
  await expect(compare).toContainText('No differences');
});
