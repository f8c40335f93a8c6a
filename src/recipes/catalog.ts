// The recipe catalog as the page uses it: pure functions over the build-time catalog
// (src/recipes/compile.ts), with no YAML parser and no recipe text until a recipe is opened.
import { makeCell, type CellKind, type Notebook, type NotebookFile, type RecipeMeta } from '../notebook/notebook.ts';
import { CATEGORIES } from '../notebook/recipe-meta.ts';

/** A recipe as the catalog lists it: its metadata. Its text is loaded when it is opened. */
export interface RecipeEntry {
  meta: RecipeMeta;
}

/** What opening a recipe loads: the file's text, and the cells and files read from it at build time. */
export interface RecipeBody {
  /** The file's text, as shipped (a variant remembers which text it started from). */
  text: string;
  cells: { kind: CellKind; source: string }[];
  files: NotebookFile[];
}

/** A recipe ready to open: metadata and body. */
export interface Recipe extends RecipeEntry, RecipeBody {}

/** A category and its recipes, in catalog order. */
export interface CategoryGroup<R extends RecipeEntry = RecipeEntry> {
  id: string;
  name: string;
  recipes: R[];
}

/**
 * Recipes whose text holds every word of the query, in any order, best match first: each word
 * counts most when the title holds it, then the tags, the summary, the code. Equal matches keep
 * the catalog's order. An empty query matches all, in the catalog's order.
 * Title, summary and tags are always searched; code only once `code` (slug to lower-cased code)
 * has been loaded.
 */
export function searchRecipes<R extends RecipeEntry>(recipes: readonly R[], query: string, code?: ReadonlyMap<string, string>): R[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...recipes];
  const found: { recipe: R; score: number }[] = [];
  for (const recipe of recipes) {
    const { title, summary, tags, slug } = recipe.meta;
    const fields: [string, number][] = [
      [title.toLowerCase(), 8],
      [tags.join(' ').toLowerCase(), 4],
      [summary.toLowerCase(), 2],
      [code?.get(slug) ?? '', 1],
    ];
    let score = 0;
    for (const word of words) {
      const weight = fields.find(([text]) => text.includes(word))?.[1]; // the fields go from most to least weight
      if (weight === undefined) {
        score = 0;
        break;
      }
      score += weight;
    }
    if (score > 0) found.push({ recipe, score });
  }
  return found.sort((a, b) => b.score - a.score).map((f) => f.recipe); // sort is stable: ties keep their order
}

/**
 * Recipes that share words with a slug no recipe has (a link to a recipe since renamed, or
 * mistyped), most words shared first, at most `limit`. A word is one of three letters or more,
 * found in a recipe's slug, title or tags; a plural's "s" is dropped, so "soft-deletes" finds
 * "soft delete". Equal matches keep the catalog's order.
 */
export function nearRecipes<R extends RecipeEntry>(recipes: readonly R[], slug: string, limit = 3): R[] {
  const words = slug
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 3)
    .map((word) => (word.length > 4 ? word.replace(/s$/, '') : word));
  return recipes
    .map((recipe) => {
      const text = `${recipe.meta.slug} ${recipe.meta.title} ${recipe.meta.tags.join(' ')}`.toLowerCase();
      return { recipe, shared: words.filter((word) => text.includes(word)).length };
    })
    .filter((near) => near.shared > 0)
    .sort((a, b) => b.shared - a.shared)
    .slice(0, limit)
    .map((near) => near.recipe);
}

/** Group recipes by the eight categories, dropping empty ones. */
export function groupByCategory<R extends RecipeEntry>(recipes: readonly R[]): CategoryGroup<R>[] {
  return CATEGORIES.map((c) => ({ id: c.id, name: c.name, recipes: recipes.filter((r) => r.meta.category === c.id) })).filter(
    (g) => g.recipes.length > 0,
  );
}

/**
 * A fresh notebook for a recipe, with fresh cell ids. The page shows the title in its own header,
 * so a first Markdown cell that only repeats it as `# Title` loses that line.
 */
export function openRecipe(recipe: Recipe): Notebook {
  const notebook: Notebook = {
    title: recipe.meta.title,
    cells: recipe.cells.map((c) => makeCell(c.kind, c.source)),
    files: recipe.files.map((f) => ({ ...f })),
    recipe: structuredClone(recipe.meta),
  };
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
