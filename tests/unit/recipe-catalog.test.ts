// The catalog as the page gets it: read at build time (compile.ts), opened and searched in the
// page (catalog.ts) without the YAML parser. Opening must give what reading the file gives.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readNotebook } from '../../src/notebook/formats/index.ts';
import { nearRecipes, openRecipe, searchRecipes, type Recipe, type RecipeEntry } from '../../src/recipes/catalog.ts';
import { compileCatalog, compileRecipe } from '../../src/recipes/compile.ts';

const dir = join(process.cwd(), 'recipes');
const files = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
const { recipes: compiled, problems } = compileCatalog(files);
// What the page holds once a recipe's JSON body is fetched: the JSON round trip included.
const recipes: Recipe[] = compiled.map((c) => ({ ...c.entry, ...(JSON.parse(JSON.stringify(c.body)) as Recipe) }));

describe('the build-time catalog', () => {
  it('reads every shipped recipe, skips the README, sorts by title', () => {
    expect(problems).toEqual([]);
    expect(recipes.length).toBe(Object.keys(files).filter((f) => f !== 'README.md').length);
    const titles = recipes.map((r) => r.meta.title);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b)));
  });

  it('names the file and the reason for one that is not a recipe', () => {
    expect(compileRecipe('bad.md', '---\ntitle: [unclosed\n---\n')).toEqual({ problem: expect.stringMatching(/^Skipping bad\.md: /) });
    expect(compileRecipe('plain.md', '# Just prose\n')).toEqual({ problem: "Skipping plain.md: its front matter is not a valid recipe's" });
  });

  it('keeps the text as shipped, so a variant’s base version is the same as before', () => {
    for (const r of recipes) expect(r.text).toBe(files[`${r.meta.slug}.md`]);
  });
});

describe('opening a recipe', () => {
  it('gives the notebook reading its file gives, less a first line repeating the title', () => {
    for (const r of recipes) {
      const read = readNotebook(`${r.meta.slug}.md`, r.text);
      const opened = openRecipe(r);
      expect(opened.recipe).toEqual(read.recipe);
      expect(opened.title).toBe(read.title);
      expect(opened.files).toEqual(read.files);
      const expected = read.cells.map(({ kind, source }) => ({ kind, source }));
      const first = expected[0];
      if (first?.kind === 'markdown' && first.source.startsWith(`# ${r.meta.title}\n`)) {
        first.source = first.source.split('\n').slice(1).join('\n').trim();
        if (first.source === '') expected.shift();
      }
      expect(opened.cells.map(({ kind, source }) => ({ kind, source }))).toEqual(expected);
    }
  });

  it('gives fresh cell ids and a notebook of its own each time', () => {
    const r = recipes[0]!;
    const a = openRecipe(r);
    const b = openRecipe(r);
    expect(new Set([...a.cells, ...b.cells].map((c) => c.id)).size).toBe(a.cells.length + b.cells.length);
    a.cells[0]!.source = 'changed';
    a.recipe!.tags.push('changed');
    a.files.forEach((f) => (f.content = 'changed'));
    const c = openRecipe(r);
    expect(c.cells[0]!.source).not.toBe('changed');
    expect(c.recipe!.tags).not.toContain('changed');
    expect(c.files.every((f) => f.content !== 'changed')).toBe(true);
  });
});

describe('searching', () => {
  const code = new Map(compiled.map((c) => [c.entry.meta.slug, c.code]));

  it('matches title, summary and tags at once, and code once the code index is there', () => {
    // A word some recipe uses only in its code.
    const target = compiled.find((c) => c.code.includes('selectinload') && !JSON.stringify(c.entry.meta).toLowerCase().includes('selectinload'));
    expect(target).toBeDefined();
    const slug = target!.entry.meta.slug;
    expect(searchRecipes(recipes, 'selectinload').map((r) => r.meta.slug)).not.toContain(slug);
    expect(searchRecipes(recipes, 'selectinload', code).map((r) => r.meta.slug)).toContain(slug);
    const title = recipes[0]!.meta.title.split(' ').slice(0, 2).join(' ');
    expect(searchRecipes(recipes, title.toUpperCase()).map((r) => r.meta.slug)).toContain(recipes[0]!.meta.slug);
  });

  it('needs every word, and an empty query lists all', () => {
    expect(searchRecipes(recipes, '   ')).toHaveLength(recipes.length);
    expect(searchRecipes(recipes, 'select no-such-word-anywhere', code)).toEqual([]);
  });

  it('lists the recipes named by the query before those that only mention it', () => {
    // In catalog order, a recipe that only mentions each of these words comes before one named by it.
    expect(searchRecipes(recipes, 'index', code)[0]!.meta.slug).toBe('index-query-plan');
    const insert = searchRecipes(recipes, 'insert', code);
    expect(insert.length).toBeGreaterThan(2);
    expect(insert.slice(0, 2).every((r) => r.meta.title.toLowerCase().includes('insert'))).toBe(true);
  });
});

describe('search ranking', () => {
  // Four recipes holding the same word in one field each, and one holding it nowhere.
  const entry = (slug: string, fields: Partial<{ title: string; summary: string; tags: string[] }>): RecipeEntry =>
    ({ meta: { slug, title: 'A recipe', summary: 'Does a thing.', tags: ['misc'], category: 'core', ...fields } }) as RecipeEntry;
  const byField = [
    entry('in-title', { title: 'Upsert rows' }),
    entry('in-tags', { tags: ['upsert'] }),
    entry('in-summary', { summary: 'An upsert, shown.' }),
    entry('in-code', {}),
    entry('nowhere', {}),
  ];
  const code = new Map([['in-code', 'stmt = upsert(table)']]);

  it('ranks title, then tags, then summary, then code, whatever the catalog order', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(byField, { minLength: byField.length }), (shuffled) => {
        expect(searchRecipes(shuffled, 'UPSERT', code).map((r) => r.meta.slug)).toEqual(['in-title', 'in-tags', 'in-summary', 'in-code']);
      }),
    );
  });

  it('finds the same recipes as a plain filter, and keeps the catalog order among equal matches', () => {
    const fields = (r: Recipe): string[] => [r.meta.title, r.meta.tags.join(' '), r.meta.summary, code.get(r.meta.slug) ?? ''].map((f) => f.toLowerCase());
    // For each word, the first field that holds it: recipes alike in this are equal matches.
    const where = (r: Recipe, words: string[]): string => words.map((w) => fields(r).findIndex((f) => f.includes(w))).join();
    const place = new Map(recipes.map((r, i) => [r, i]));
    const vocabulary = ['select', 'join', 'tree', 'row', 'session', 'insert', 'e', 'zzz'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { maxLength: 3 }), (words) => {
        const found = searchRecipes(recipes, words.join(' '), code);
        const expected = recipes.filter((r) => words.every((w) => fields(r).some((f) => f.includes(w))));
        expect(new Set(found)).toEqual(new Set(expected));
        expect(found).toHaveLength(expected.length);
        for (let i = 1; i < found.length; i++)
          if (where(found[i - 1]!, words) === where(found[i]!, words)) expect(place.get(found[i - 1]!)!).toBeLessThan(place.get(found[i]!)!);
      }),
    );
  });
});

describe('recipes near a slug no recipe has', () => {
  const slugs = (slug: string): string[] => nearRecipes(recipes, slug).map((r) => r.meta.slug);

  it('finds a renamed or mistyped recipe by the words of its old name', () => {
    expect(slugs('adjacency-list')[0]).toBe('adjacency-list-tree');
    expect(slugs('soft-deletes')[0]).toBe('soft-delete-filter'); // a plural's "s" dropped
    expect(slugs('keyset-pages')[0]).toBe('keyset-pagination');
    expect(slugs('upsert')[0]).toBe('upsert-on-conflict');
  });

  it('offers nothing when no word is shared, and at most three', () => {
    expect(slugs('zzz-qqq')).toEqual([]);
    expect(slugs('a-to-b')).toEqual([]); // words under three letters say nothing
    expect(slugs('table-inheritance-polymorphic').length).toBeLessThanOrEqual(3);
  });

  it('lists most words shared first, equal matches in catalog order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...recipes.flatMap((r) => r.meta.slug.split('-'))), { minLength: 1, maxLength: 4 }), (words) => {
        const slug = words.join('-');
        const found = nearRecipes(recipes, slug, recipes.length);
        const shared = (r: RecipeEntry): number =>
          words
            .filter((w) => w.length >= 3)
            .map((w) => (w.length > 4 ? w.replace(/s$/, '') : w))
            .filter((w) => `${r.meta.slug} ${r.meta.title} ${r.meta.tags.join(' ')}`.toLowerCase().includes(w)).length;
        expect(found.every((r) => shared(r) > 0)).toBe(true);
        expect(recipes.filter((r) => shared(r) > 0)).toHaveLength(found.length);
        for (let i = 1; i < found.length; i++) {
          expect(shared(found[i - 1]!)).toBeGreaterThanOrEqual(shared(found[i]!));
          if (shared(found[i - 1]!) === shared(found[i]!)) expect(recipes.indexOf(found[i - 1] as Recipe)).toBeLessThan(recipes.indexOf(found[i] as Recipe));
        }
      }),
    );
  });
});
