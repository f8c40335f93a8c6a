// The recipe catalog: every recipes/*.md file, read once at start-up, grouped and searchable.
// Reading is cheap (a few dozen small files), so the catalog is ready before Python has loaded.
import { readNotebook } from '../notebook/formats/index.ts';
import type { Notebook, RecipeMeta } from '../notebook/notebook.ts';
import { CATEGORIES } from '../notebook/recipe-meta.ts';

/** One recipe as the catalog lists it. */
export interface Recipe {
  meta: RecipeMeta;
  /** The file's text; a fresh notebook is read from it each time the recipe is opened. */
  text: string;
  /** Lower-cased title, summary, tags and code, matched by the search box. */
  haystack: string;
}

/** A category and its recipes, in catalog order. */
export interface CategoryGroup {
  id: string;
  name: string;
  recipes: Recipe[];
}

/** Build recipes from file texts keyed by path; files that are not valid recipes are skipped with a warning. */
export function buildCatalog(files: Record<string, string>): Recipe[] {
  const recipes: Recipe[] = [];
  for (const [path, text] of Object.entries(files)) {
    if (/(^|\/)README\.md$/i.test(path)) continue;
    let notebook: Notebook;
    try {
      notebook = readNotebook(path, text);
    } catch (error) {
      console.warn(`Skipping ${path}: ${(error as Error).message}`);
      continue;
    }
    const meta = notebook.recipe;
    if (!meta) {
      console.warn(`Skipping ${path}: its front matter is not a valid recipe's`);
      continue;
    }
    const code = [...notebook.cells.map((c) => c.source), ...notebook.files.map((f) => f.content)];
    const haystack = [meta.title, meta.summary, meta.tags.join(' '), ...code].join('\n').toLowerCase();
    recipes.push({ meta, text, haystack });
  }
  return recipes.sort((a, b) => a.meta.title.localeCompare(b.meta.title));
}

/** Recipes whose text holds every word of the query, in any order. An empty query matches all. */
export function searchRecipes(recipes: readonly Recipe[], query: string): Recipe[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...recipes];
  return recipes.filter((r) => words.every((w) => r.haystack.includes(w)));
}

/** Group recipes by the eight categories, dropping empty ones. */
export function groupByCategory(recipes: readonly Recipe[]): CategoryGroup[] {
  return CATEGORIES.map((c) => ({ id: c.id, name: c.name, recipes: recipes.filter((r) => r.meta.category === c.id) })).filter(
    (g) => g.recipes.length > 0,
  );
}

/**
 * A fresh notebook for a recipe. The page shows the title in its own header, so a first Markdown
 * cell that only repeats it as `# Title` loses that line.
 */
export function openRecipe(recipe: Recipe): Notebook {
  const notebook = readNotebook(`${recipe.meta.slug}.md`, recipe.text);
  const first = notebook.cells[0];
  if (first?.kind === 'markdown') {
    const lines = first.source.split('\n');
    if (lines[0]?.replace(/^#\s+/, '').trim() === recipe.meta.title && lines[0].startsWith('# ')) {
      first.source = lines.slice(1).join('\n').trim();
      if (first.source === '') notebook.cells.shift();
    }
  }
  return notebook;
}
