// No serious or critical axe violations on the catalog and the notebook, in both themes.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openRecipe, snap, waitIdle } from './notebook-page.ts';

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

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
