// No serious or critical axe violations on the catalog and the notebook, in both themes.
import { expect, test } from '@playwright/test';
import { openRecipe, seriousViolations as violations, snap, waitIdle } from './notebook-page.ts';

for (const scheme of ['light', 'dark'] as const) {
  test(`catalog view has no serious accessibility violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Recipes' })).toBeVisible();
    await snap(page, `catalog-${scheme}`);
    expect(await violations(page)).toEqual([]);
  });

  test(`notebook view with outputs has no serious accessibility violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openRecipe(page);
    await page.getByRole('button', { name: /Run all/ }).click();
    await waitIdle(page);
    await page.locator('retort-sql-panel summary').first().click();
    await snap(page, `notebook-${scheme}`);
    expect(await violations(page)).toEqual([]);
  });
}

test('the first Tab stop skips the header and catalog to the page, or to the notebook heading', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Recipes' })).toBeVisible();
  await page.keyboard.press('Tab');
  const skipPage = page.getByRole('button', { name: 'Skip to the page' });
  await expect(skipPage).toBeFocused();
  await expect(skipPage).toBeInViewport();
  await snap(page, 'skip-link');
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  // On a recipe, from deep in the catalog: back to the skip button, then one key to the notebook.
  await page.goto('/#/recipe/window-functions');
  await expect(page.locator('retort-notebook retort-cell').first()).toBeVisible();
  await page.getByRole('searchbox').or(page.getByLabel('Search recipes')).first().focus();
  const skip = page.getByRole('button', { name: 'Skip to the notebook' });
  for (let i = 0; i < 12 && !(await skip.evaluate((el) => el.matches(':focus'))); i++) await page.keyboard.press('Shift+Tab');
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('retort-recipe-header')).toBeFocused();
});
