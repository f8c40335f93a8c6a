// The whole story: edit three recipes, name two variants, reload, compare and revert a
// cell, export, erase, import, and find every edit exactly as it was.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { snap } from './notebook-page.ts';
import { addLine, codeEditor, myVariants, openRecipeCells, rawRecords, saveAs, variantBar, waitSaved } from './variants-page.ts';

const RECIPES = ['window-functions', 'aggregation-report', 'aliased-self-joins'];

test('edit three recipes, two named variants, reload, revert a cell, export, erase, import: every edit is back', async ({ page }, info) => {
  for (const slug of RECIPES) {
    await openRecipeCells(page, slug);
    await addLine(page, 0, `# draft of ${slug}`);
    await waitSaved(page);
  }
  await openRecipeCells(page, RECIPES[0]!);
  await saveAs(page, 'Named one');
  await openRecipeCells(page, RECIPES[1]!);
  await saveAs(page, 'Named two');
  await openRecipeCells(page, RECIPES[2]!);
  await addLine(page, 1, '# to be reverted');
  await waitSaved(page);
  await page.reload();
  await expect(codeEditor(page, 1)).toContainText('# to be reverted');
  await variantBar(page).getByRole('button', { name: 'Compare with original' }).click();
  await page.locator('retort-compare').getByRole('button', { name: /Revert Cell \d+, changed/ }).last().click();
  await page.locator('retort-compare').getByRole('button', { name: 'Back to the notebook' }).click();
  await expect(codeEditor(page, 1)).not.toContainText('# to be reverted');
  await waitSaved(page);

  const list = myVariants(page);
  await expect(list.getByRole('link')).toHaveCount(3);
  const before = await list.getByRole('link').allInnerTexts();
  const stored = await rawRecords(page);
  expect(stored).toHaveLength(3);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export backup' }).click();
  const file = info.outputPath('backup.json');
  await (await download).saveAs(file);
  expect(JSON.parse(await readFile(file, 'utf8')).variants).toHaveLength(3);

  await page.getByRole('button', { name: 'Erase all my data…' }).click();
  await page.getByRole('button', { name: 'Erase everything' }).click();
  await expect(list.getByRole('link')).toHaveCount(0);
  await expect(codeEditor(page, 0)).not.toContainText('# draft of');

  // A file that is not a backup says so and changes nothing.
  await page.locator('retort-backup input[type=file]').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"a":1}') });
  await expect(page.locator('retort-notice')).toContainText('Nothing was imported. This JSON file is not a Retort backup');

  await page.locator('retort-backup input[type=file]').setInputFiles(file);
  await expect(page.locator('retort-notice')).toContainText('Imported 3 variant(s).');
  await expect(list.getByRole('link')).toHaveCount(3);
  expect(await list.getByRole('link').allInnerTexts()).toEqual(before);
  // Every record exactly as it was: text, names, dates, revisions, recipe versions.
  expect(await rawRecords(page)).toEqual(stored);
  // Importing again changes nothing.
  await page.locator('retort-backup input[type=file]').setInputFiles(file);
  await expect(page.locator('retort-notice')).toContainText('3 were already here');

  await page.reload();
  await expect(codeEditor(page, 0)).toContainText(`# draft of ${RECIPES[2]}`);
  await expect(codeEditor(page, 1)).not.toContainText('# to be reverted');
  await list.getByRole('link', { name: /Named one/ }).click();
  await expect(codeEditor(page, 0)).toContainText(`# draft of ${RECIPES[0]}`);
  await list.getByRole('link', { name: /Named two/ }).click();
  await expect(codeEditor(page, 0)).toContainText(`# draft of ${RECIPES[1]}`);
  await snap(page, 'variants-after-import');
});
