// The recipe schema: every shipped recipe passes; a malformed one is rejected naming file and field.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecipeMarkdown } from '../../src/notebook/formats/recipe-markdown.ts';
import { CATEGORIES, checkRecipeFile, readRecipeMeta } from '../../src/notebook/recipe-meta.ts';

const good = {
  slug: 'upsert',
  title: 'Upsert',
  summary: 'Insert or update in one statement.',
  category: 'core',
  tags: ['insert'],
  sqlalchemy: '>=2.0.41,<2.1',
  docs: [{ title: 'SQLite', url: 'https://docs.sqlalchemy.org/en/20/dialects/sqlite.html' }],
};

describe('readRecipeMeta', () => {
  it('accepts a complete front matter', () => {
    expect(readRecipeMeta(good)).toEqual({ ok: true, value: good });
  });

  it.each([
    [{ ...good, slug: 'Bad Slug' }, /^slug: "Bad Slug" must be lowercase/],
    [{ ...good, category: 'misc' }, /^category: "misc" is not one of core, schema/],
    [{ ...good, summary: undefined }, /^summary: missing/],
    [{ ...good, tags: [] }, /^tags: missing/],
    [{ ...good, docs: [{ title: 'x', url: 'ftp://x' }] }, /^docs\[0\]: needs a "title" and an https "url"/],
    [{ ...good, sqlalchemy: 'latest' }, /^sqlalchemy: "latest" must be a version range/],
  ])('rejects %o', (data, message) => {
    const check = readRecipeMeta(data);
    expect(check.ok).toBe(false);
    expect(check.ok ? [] : check.errors).toEqual([expect.stringMatching(message)]);
  });

  it('names the file with each problem', () => {
    expect(checkRecipeFile('recipes/upsert.md', { ...good, category: 'misc' }, 1)).toEqual([
      expect.stringMatching(/^upsert\.md: category: "misc"/),
    ]);
    expect(checkRecipeFile('other.md', good, 1)).toEqual(['other.md: slug: "upsert" must match the file name "other.md"']);
    expect(checkRecipeFile('upsert.md', good, 0)).toEqual(['upsert.md: cells: no ```python code cell']);
  });
});

describe('the shipped recipes', () => {
  const dir = join(process.cwd(), 'recipes');
  const files = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md');

  it('number 40 or more, in all eight categories', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    const categories = new Set(files.map((f) => (parseRecipeMarkdown(readFileSync(join(dir, f), 'utf8')).frontMatter as { category: string }).category));
    expect([...categories].sort()).toEqual(CATEGORIES.map((c) => c.id).sort());
  });

  it.each(files)('%s passes the schema check', (file) => {
    const parsed = parseRecipeMarkdown(readFileSync(join(dir, file), 'utf8'));
    expect(checkRecipeFile(file, parsed.frontMatter, parsed.cells.filter((c) => c.kind === 'code').length)).toEqual([]);
  });
});
