// Every shipped recipe, cell by cell, in a fresh runtime each, as CI's proof that the catalog works.
// A failure names the recipe, the cell and the error. The recipes are split between two test files
// (recipes-*.test.ts) so both cores work: tests inside one file run one after another.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeCells } from '../../src/notebook/notebook.ts';
import { readNotebook } from '../../src/notebook/formats/index.ts';
import { startTestRuntime } from './harness.ts';

const dir = join(process.cwd(), 'recipes');
const files = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();

export const RECIPE_FILES = files;

export function defineRecipeTests(part: number, parts: number): void {
  const mine = files.filter((_, i) => i % parts === part);
  describe(`recipes, part ${part + 1} of ${parts}`, () => {
  it('there are at least 40 in all', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it.each(mine)('%s runs to its end', async (file) => {
    const notebook = readNotebook(file, readFileSync(join(dir, file), 'utf8'));
    expect(notebook.recipe, `${file}: front matter is not a valid recipe`).toBeDefined();
    const rt = await startTestRuntime();
    if (notebook.files.length > 0) await rt.api.setFiles(notebook.files);
    const cells = codeCells(notebook);
    expect(cells.length).toBeGreaterThan(0);
    for (const { cell, label } of cells) {
      const r = await rt.run(cell.source, cell.id);
      const where = `${file}, ${label}`;
      expect(r.status, `${where}: ${r.error?.text ?? r.notices.join(' ')}`).toBe('ok');
      expect(r.stderr, `${where} wrote to stderr`).not.toMatch(/Warning/);
    }
  });
});
}
