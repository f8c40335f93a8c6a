// Reading recipe files into the catalog, done once at build time (scripts/vite/recipe-catalog.ts),
// so the page never carries a YAML parser nor any recipe's text until that recipe is opened.
// Also used by the unit tests. The page itself imports only catalog.ts and index.ts.
import { readNotebook } from '../notebook/formats/index.ts';
import type { RecipeEntry, RecipeBody } from './catalog.ts';

/** One recipe file, read: what the catalog lists, what opening it loads, and its searchable code. */
export interface CompiledRecipe {
  entry: RecipeEntry;
  body: RecipeBody;
  /** Lower-cased code and module files, matched by the search box beside the metadata. */
  code: string;
}

/** Read one recipe file; a file that is not a valid recipe gives a problem instead. */
export function compileRecipe(path: string, text: string): CompiledRecipe | { problem: string } {
  let notebook;
  try {
    notebook = readNotebook(path, text);
  } catch (error) {
    return { problem: `Skipping ${path}: ${(error as Error).message}` };
  }
  const meta = notebook.recipe;
  if (!meta) return { problem: `Skipping ${path}: its front matter is not a valid recipe's` };
  const code = [...notebook.cells.map((c) => c.source), ...notebook.files.map((f) => f.content)].join('\n').toLowerCase();
  return {
    entry: { meta },
    body: { text, cells: notebook.cells.map(({ kind, source }) => ({ kind, source })), files: notebook.files },
    code,
  };
}

/** Read every recipe file (keyed by path), skipping READMEs; sorted by title as the catalog lists them. */
export function compileCatalog(files: Record<string, string>): { recipes: CompiledRecipe[]; problems: string[] } {
  const recipes: CompiledRecipe[] = [];
  const problems: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    if (/(^|\/)README\.md$/i.test(path)) continue;
    const compiled = compileRecipe(path, text);
    if ('problem' in compiled) problems.push(compiled.problem);
    else recipes.push(compiled);
  }
  recipes.sort((a, b) => a.entry.meta.title.localeCompare(b.entry.meta.title));
  return { recipes, problems };
}
