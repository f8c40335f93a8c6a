// A handful of shipped recipes, one per kind of lesson, run end to end in the browser the way a
// person would: open the recipe, press Run all, and find every cell run with no error.
// (Every recipe runs cell by cell in Node too: tests/runtime/recipes-*.test.ts.)
import { expect, test } from '@playwright/test';
import { codeCells, openRecipe, snap, waitIdle } from './notebook-page.ts';

const HANDFUL = ['upsert-on-conflict', 'association-object', 'soft-delete-filter', 'fix-n-plus-one', 'with-polymorphic'];

for (const slug of HANDFUL) {
  test(`recipe ${slug} runs all its cells without an error`, async ({ page }) => {
    await openRecipe(page, slug);
    const code = codeCells(page);
    const count = await code.count();
    expect(count).toBeGreaterThan(1);
    await page.getByRole('button', { name: /Run all/ }).click();
    await waitIdle(page);
    await expect(code.locator('.error')).toHaveCount(0);
    await expect(code.last().locator('.count')).toHaveText(`[${count}]`);
    // Each recipe talks to the database, and the SQL panels say so.
    await expect(page.locator('retort-sql-panel summary .badge').first()).toBeVisible();
    if (slug === 'fix-n-plus-one') await snap(page, `recipe-${slug}`);
  });
}
