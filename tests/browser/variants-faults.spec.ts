// Faults that must not lose a character: a full disk, two tabs, corrupt records, old records.
import { expect, test, type Page } from '@playwright/test';
import { snap } from './notebook-page.ts';
import { addLine, codeEditor, myVariants, openRecipeCells, rawKeys, saveAs, variantBar, waitSaved, writeRaw } from './variants-page.ts';

const RECIPE = 'window-functions';

/** Make every write of the page's store throw this DOMException (undefined: work again). */
async function setFailWrites(page: Page, name: string | undefined): Promise<void> {
  await page.evaluate((failWrites) => ((window as { __retortStorageHooks?: object }).__retortStorageHooks = { failWrites }), name);
}

test('storage full: a clear message, the edit kept in memory, saved once storage works again', async ({ page }) => {
  await openRecipeCells(page, RECIPE);
  await setFailWrites(page, 'QuotaExceededError');
  await addLine(page, 0, '# typed while full');
  const alert = variantBar(page).getByRole('alert');
  await expect(alert).toContainText('storage for this site is full');
  await expect(alert).toContainText('kept in this tab');
  await expect(page.locator('retort-notice')).toContainText('Not saved. The browser says its storage for this site is full');
  await addLine(page, 1, '# and more while full');
  await snap(page, 'variants-quota');
  await expect(codeEditor(page, 0)).toContainText('# typed while full');
  await setFailWrites(page, undefined);
  await waitSaved(page);
  await expect(alert).toHaveCount(0);
  await expect(page.locator('retort-notice')).toContainText('Saving works again');
  await page.reload();
  await expect(codeEditor(page, 0)).toContainText('# typed while full');
  await expect(codeEditor(page, 1)).toContainText('# and more while full');
});

test('two tabs on one variant: a quiet tab follows, and a conflicting edit is kept as a copy', async ({ context }) => {
  const a = await context.newPage();
  await openRecipeCells(a, RECIPE);
  await addLine(a, 0, '# base');
  await saveAs(a, 'Shared');
  const url = a.url();
  const b = await context.newPage();
  await b.goto(url);
  await expect(codeEditor(b, 0)).toContainText('# base');

  // A saves; B has nothing unsaved, so it shows A's text.
  await addLine(a, 0, '# from A');
  await waitSaved(a);
  await expect(codeEditor(b, 0)).toContainText('# from A');

  // Both have unsaved text at once (A's write is held back with the storage test hook): B saves
  // first, so A's later write finds a newer revision. A is told, and its text becomes a copy.
  await setFailWrites(a, 'QuotaExceededError');
  await addLine(a, 1, '# A at the same time');
  await expect(variantBar(a).getByRole('alert')).toBeVisible();
  await addLine(b, 1, '# B first');
  await waitSaved(b);
  await setFailWrites(a, undefined);
  await expect(a.locator('retort-notice')).toContainText('changed in another tab');
  await expect(a.locator('retort-notice')).toContainText('your text is saved as “Shared (copy from another tab)”');
  await expect(b.locator('retort-notice')).not.toContainText('changed in another tab');
  await expect(codeEditor(a, 1)).toContainText('# A at the same time');
  await expect(a).toHaveURL(/#\/variant\//);
  expect(a.url()).not.toBe(url);
  await snap(a, 'variants-two-tabs');
  // Each text is stored: B's in the variant, A's in the copy.
  await b.reload();
  await expect(codeEditor(b, 1)).toContainText('# B first');
  await expect(codeEditor(b, 1)).not.toContainText('# A at the same time');
  await a.reload();
  await expect(codeEditor(a, 1)).toContainText('# A at the same time');
  await expect(codeEditor(a, 1)).not.toContainText('# B first');
  await expect(myVariants(a).getByRole('link')).toHaveCount(2);
});

test('corrupt and foreign records are skipped with a notice, kept, and the rest works', async ({ page }) => {
  await page.goto('/');
  await writeRaw(page, 'broken', { schema: 2, id: 'broken', name: 'half a record' });
  await writeRaw(page, 'foreign', 'not even an object');
  await writeRaw(page, 'future', { schema: 9, id: 'future' });
  await page.reload();
  const note = myVariants(page).getByRole('note');
  await expect(note).toContainText('3 saved items could not be read and were left untouched');
  await expect(note).toContainText('newer Retort');
  await snap(page, 'variants-corrupt');
  await openRecipeCells(page, RECIPE);
  await addLine(page, 0, '# still saving');
  await waitSaved(page);
  await page.reload();
  await expect(codeEditor(page, 0)).toContainText('# still saving');
  expect((await rawKeys(page)).sort()).toEqual(['broken', 'draft-window-functions', 'foreign', 'future']);
});

test('a record of schema 1 is migrated, opens, says the recipe changed, and saves as schema 2', async ({ page }) => {
  await page.goto('/');
  const cells = [
    { id: 'm1', kind: 'markdown', source: 'An old note' },
    { id: 'c1', kind: 'code', source: '# from schema one\nx = 1' },
  ];
  await writeRaw(page, 'old1', {
    schema: 1,
    id: 'old1',
    name: 'From long ago',
    recipeSlug: RECIPE,
    baseVersion: 'an-older-text',
    notebook: { title: 'Window functions', cells, files: [] },
    createdAt: 1_600_000_000_000,
    updatedAt: 1_600_000_000_000,
    draft: false,
  });
  await page.reload();
  await expect(myVariants(page).getByRole('link', { name: /From long ago/ })).toBeVisible();
  await myVariants(page).getByRole('link', { name: /From long ago/ }).click();
  await expect(codeEditor(page, 0)).toContainText('# from schema one');
  await expect(variantBar(page).getByRole('note')).toContainText('The shipped recipe has changed since you made this');
  await addLine(page, 0, '# edited after migration');
  await waitSaved(page);
  const stored = await page.evaluate(
    () =>
      new Promise<{ schema: number; revision: number }>((resolve) => {
        const open = indexedDB.open('retort-variants');
        open.onsuccess = () => {
          const req = open.result.transaction('variants').objectStore('variants').get('old1');
          req.onsuccess = () => resolve(req.result as { schema: number; revision: number });
        };
      }),
  );
  expect(stored).toMatchObject({ schema: 2, revision: 2 });
  await variantBar(page).getByRole('note').getByRole('button', { name: 'See the differences' }).click();
  await expect(page.locator('retort-compare')).toBeVisible();
});
