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
