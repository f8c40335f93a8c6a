// Files in a real browser: open .py (percent and plain), .ipynb and recipe .md by the picker and by
// drag and drop as new variants, a notebook with its modules, download as each format (the
// downloads read back the same), and a clear message for every bad file with the app still working.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { readyStatus, snap } from './notebook-page.ts';
import { codeEditor, myVariants, openRecipeCells, variantBar, waitSaved } from './variants-page.ts';

interface Payload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

const file = (name: string, text: string | Buffer): Payload => ({
  name,
  mimeType: 'application/octet-stream',
  buffer: typeof text === 'string' ? Buffer.from(text, 'utf8') : text,
});

const percent = `# %% [markdown]
# # Tally
# Count some rows.

# %%
from sqlalchemy import create_engine, text
engine = create_engine("sqlite://")
with engine.connect() as conn:
    print("tally", conn.execute(text("select 40 + 2")).scalar())
`;

const plain = `"""Say hello from a plain script.

It has no cell markers.
"""
print("plain script ran")
`;

const ipynb = JSON.stringify({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    { cell_type: 'markdown', metadata: {}, source: ['# From Jupyter\n', 'A notebook file.'] },
    { cell_type: 'code', metadata: {}, execution_count: 3, outputs: [{ output_type: 'stream', name: 'stdout', text: 'old output\n' }], source: ['print("from ipynb", 6 * 7)'] },
  ],
});

const recipeMd = `---
title: My own recipe
---

# My own recipe

Some words.

\`\`\`python
from helpers import greet
print(greet("md"))
\`\`\`

\`\`\`python file=helpers.py
def greet(who):
    return f"hello {who}"
\`\`\`
`;

async function openFiles(page: Page, files: Payload[]): Promise<void> {
  await page.locator('retort-file-open input[type=file]').setInputFiles(files);
}

function notice(page: Page) {
  return page.locator('retort-notice');
}

async function runAllAndExpect(page: Page, text: string): Promise<void> {
  await expect(readyStatus(page)).toBeVisible();
  await page.getByRole('button', { name: '▶▶ Run all' }).click();
  await expect(page.locator('retort-cell-output').filter({ hasText: text })).toHaveCount(1);
}

test('open each format by the picker as a new variant, and run it', async ({ page }) => {
  await page.goto('/');
  const cases: [Payload[], string, string][] = [
    [[file('tally.py', percent)], 'Tally', 'tally 42'],
    [[file('hello.py', plain)], 'Say hello from a plain script', 'plain script ran'],
    [[file('jupyter.ipynb', ipynb)], 'From Jupyter', 'from ipynb 42'],
    [[file('mine.md', recipeMd)], 'My own recipe', 'hello md'],
  ];
  for (const [[payload], heading, output] of cases) {
    await openFiles(page, [payload!]);
    await expect(page).toHaveURL(/#\/variant\/v/);
    await expect(notice(page)).toContainText(`Opened “${payload!.name}”`);
    await expect(page.locator('retort-notebook')).toContainText(heading);
    await expect(variantBar(page)).toContainText('Your variant');
    // A file's old outputs are not shown as if they were this page's.
    await expect(page.locator('retort-notebook')).not.toContainText('old output');
    await runAllAndExpect(page, output);
  }
  await expect(myVariants(page).getByRole('link')).toHaveCount(cases.length);
  await expect(myVariants(page).getByRole('link').first()).toContainText('not from a recipe');
  await snap(page, 'files-opened');
});

test('several files dropped together: one notebook and its modules; edits save', async ({ page }) => {
  await page.goto('/');
  const main = `# %%\nfrom shapes import area\nprint("area", area(3, 4))\n`;
  const module = `def area(w, h):\n    return w * h\n`;
  // A real drop: a DataTransfer with two files, dispatched on the page.
  await page.evaluate(
    ([mainText, moduleText]) => {
      const data = new DataTransfer();
      data.items.add(new File([mainText!], 'main.py'));
      data.items.add(new File([moduleText!], 'shapes.py'));
      const target = document.querySelector('retort-app')!;
      for (const type of ['dragenter', 'dragover', 'drop'])
        target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
    },
    [main, module],
  );
  await expect(page).toHaveURL(/#\/variant\/v/);
  await expect(notice(page)).toContainText('Opened 2 files');
  await runAllAndExpect(page, 'area 12');
  await codeEditor(page, 0).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText('\nprint("edited")');
  await waitSaved(page);
  await page.reload();
  await expect(codeEditor(page, 0)).toContainText('print("edited")');
  await runAllAndExpect(page, 'edited');
});

test('download as each format; every download opens again as the same notebook', async ({ page }) => {
  await openRecipeCells(page, 'window-functions');
  await expect(readyStatus(page)).toBeVisible();
  await page.getByRole('button', { name: '▶▶ Run all' }).click();
  await expect(page.locator('retort-cell .count').last()).not.toHaveText(/\[( |\*)\]/);
  await expect(page.locator('retort-cell .running, retort-cell .queued')).toHaveCount(0);
  const cellTexts = async (): Promise<string[]> =>
    page.locator('retort-notebook retort-cell').evaluateAll((cells) => cells.map((c) => (c as HTMLElement & { cell: { kind: string; source: string } }).cell).map((c) => `${c.kind}:${c.source}`));
  const original = await cellTexts();

  // .ipynb first, while the runs are on screen (opening the downloaded file leaves this notebook).
  for (const [button, ext] of [
    ['Download as .ipynb', '.ipynb'],
    ['Download as .md', '.md'],
    ['Download as .py', '.py'],
  ] as const) {
    if (ext !== '.ipynb') await openRecipeCells(page, 'window-functions');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: new RegExp(`^${button.replace('.', '\\.')}`) }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`\\${ext}$`));
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    if (ext === '.ipynb') {
      const nb = JSON.parse(text) as { nbformat: number; cells: { cell_type: string; outputs?: { text?: string[] | string; data?: Record<string, unknown> }[] }[] };
      expect(nb.nbformat).toBe(4);
      const outputs = nb.cells.flatMap((c) => c.outputs ?? []);
      expect(outputs.length).toBeGreaterThan(0); // the text outputs of the last run
    }
    if (ext === '.md') expect(text).toContain('slug: window-functions');
    await openFiles(page, [file(download.suggestedFilename(), text)]);
    await expect(page).toHaveURL(/#\/variant\/v/);
    expect(await cellTexts()).toEqual(original);
  }
});

test('every bad file gets a clear message; nothing is saved and the app keeps working', async ({ page }) => {
  await page.goto('/');
  const bad: [Payload[], RegExp][] = [
    [[file('broken.ipynb', '{"cells": [')], /broken\.ipynb.*(JSON|not)/],
    [[file('list.ipynb', '[1, 2, 3]')], /list\.ipynb/],
    [[file('old.ipynb', JSON.stringify({ nbformat: 3, nbformat_minor: 0, worksheets: [{ cells: [] }] }))], /nbformat 3/],
    [[file('picture.py', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))], /picture\.py/],
    [[file('huge.py', Buffer.alloc(6 * 1024 * 1024, 0x61))], /huge\.py.*(MB|large)/],
    [[file('notes.txt', 'hello')], /notes\.txt/],
    [[file('a.ipynb', ipynb), file('b.ipynb', ipynb)], /a\.ipynb|b\.ipynb/],
  ];
  for (const [files, message] of bad) {
    await openFiles(page, files);
    await expect(notice(page), files[0]!.name).toContainText(message);
    await expect(page).not.toHaveURL(/#\/variant\//);
  }
  await snap(page, 'files-bad');
  await expect(myVariants(page).getByRole('link')).toHaveCount(0);
  await openFiles(page, [file('tally.py', percent)]);
  await expect(page).toHaveURL(/#\/variant\/v/);
  await expect(myVariants(page).getByRole('link')).toHaveCount(1);
});
