// No serious axe violations on the variant views: draft bar and side bar, comparison, erase confirmation.
import { expect, test } from '@playwright/test';
import { seriousViolations as violations, snap } from './notebook-page.ts';
import { addLine, openRecipeCells, variantBar, waitSaved } from './variants-page.ts';

for (const scheme of ['light', 'dark'] as const) {
  test(`draft, comparison and erase confirmation have no serious accessibility violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openRecipeCells(page, 'window-functions');
    await addLine(page, 0, '# mine');
    await waitSaved(page);
    await variantBar(page).getByRole('button', { name: 'Save as…' }).click();
    expect(await violations(page)).toEqual([]);
    await variantBar(page).getByRole('button', { name: 'Cancel' }).click();
    await variantBar(page).getByRole('button', { name: 'Compare with original' }).click();
    await expect(page.locator('retort-cell-diff')).toHaveCount(1);
    await page.getByRole('button', { name: 'Erase all my data…' }).click();
    await snap(page, `variants-compare-${scheme}`);
    expect(await violations(page)).toEqual([]);
  });
}
