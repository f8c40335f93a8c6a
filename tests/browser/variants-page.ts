// Steps the variants browser tests share: editing a cell, reading a cell, the side bar, raw IndexedDB.
import { expect, type Locator, type Page } from '@playwright/test';

/** Open a recipe and wait for its cells (not for Python: saving does not need it). */
export async function openRecipeCells(page: Page, slug: string): Promise<void> {
  await page.goto(`/#/recipe/${slug}`);
  await expect(page.locator('retort-notebook retort-cell').first()).toBeVisible();
}

/** The nth code cell's editor. */
export function codeEditor(page: Page, n: number): Locator {
  return page.locator('retort-notebook retort-cell').filter({ has: page.locator('.cell.code') }).nth(n).locator('.cm-content');
}

/** Type a line at the start of the nth code cell (the start, because CodeMirror only draws the lines in view). */
export async function addLine(page: Page, n: number, line: string): Promise<void> {
  const editor = codeEditor(page, n);
  await editor.click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.insertText(`${line}\n`);
}

/** The variant bar above the notebook. */
export function variantBar(page: Page): Locator {
  return page.locator('retort-variant-bar');
}

/** "My variants" in the side bar. */
export function myVariants(page: Page): Locator {
  return page.locator('retort-my-variants');
}

/** Wait until the variant bar says everything is saved. */
export async function waitSaved(page: Page): Promise<void> {
  await expect(variantBar(page).getByRole('status')).toContainText('Saved');
}

/** Save the open notebook as a named variant. */
export async function saveAs(page: Page, name: string): Promise<void> {
  await variantBar(page).getByRole('button', { name: 'Save as…' }).click();
  await variantBar(page).getByLabel('Name').fill(name);
  await variantBar(page).getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page).toHaveURL(/#\/variant\//);
  await expect(variantBar(page).locator('.name')).toHaveText(name);
}

/** Write a raw value into the variants object store, bypassing the app (corrupt or old records). */
export async function writeRaw(page: Page, key: string, value: unknown): Promise<void> {
  await page.evaluate(
    ([k, v]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('retort-variants');
        open.onupgradeneeded = () => open.result.createObjectStore('variants');
        open.onsuccess = () => {
          const tx = open.result.transaction('variants', 'readwrite');
          tx.objectStore('variants').put(v, k as string);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
    [key, value] as const,
  );
}

/** Read every raw key in the variants object store. */
export async function rawKeys(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('retort-variants');
        open.onupgradeneeded = () => open.result.createObjectStore('variants');
        open.onsuccess = () => {
          const req = open.result.transaction('variants').objectStore('variants').getAllKeys();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result.map(String));
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

/** Every raw record in the variants object store, sorted by key. */
export async function rawRecords(page: Page): Promise<unknown[]> {
  return page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('retort-variants');
        open.onsuccess = () => {
          const store = open.result.transaction('variants').objectStore('variants');
          const req = store.getAll();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result);
          };
          req.onerror = () => reject(req.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
}
