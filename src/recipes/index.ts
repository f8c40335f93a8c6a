// The app's catalog, from the top-level recipes/ folder, read at build time
// (scripts/vite/recipe-catalog.ts). The page starts with the metadata only; a recipe's text is
// fetched when it is opened, and the code the search box looks through when it is first used.
import { entries, searchIndexPath } from 'virtual:recipe-catalog';
import type { Recipe, RecipeBody, RecipeEntry } from './catalog.ts';

/** Every valid recipe, sorted by title: metadata only. */
export const recipes: readonly RecipeEntry[] = entries.map(({ meta }) => ({ meta }));

const paths = new Map(entries.map((e) => [e.meta.slug, e.path]));
const loaded = new Map<string, Promise<Recipe>>();

/** The recipe with this slug as the catalog lists it, if any. */
export function findRecipe(slug: string): RecipeEntry | undefined {
  return recipes.find((r) => r.meta.slug === slug);
}

async function fetchJson<T>(path: string, what: string): Promise<T> {
  const response = await fetch(new URL(path, document.baseURI));
  if (!response.ok) throw new Error(`Could not load ${what} (HTTP ${response.status}).`);
  return (await response.json()) as T;
}

/** The recipe with this slug, its text loaded; undefined when there is none. Rejects when it cannot be fetched. */
export async function loadRecipe(slug: string): Promise<Recipe | undefined> {
  const entry = findRecipe(slug);
  const path = paths.get(slug);
  if (!entry || path === undefined) return undefined;
  let body = loaded.get(slug);
  if (!body) {
    body = fetchJson<RecipeBody>(path, `the recipe “${entry.meta.title}”`).then((b) => ({ ...entry, ...b }));
    loaded.set(slug, body);
    body.catch(() => loaded.delete(slug)); // a later try fetches again
  }
  return body;
}

let searchIndex: Promise<ReadonlyMap<string, string>> | undefined;

/** Slug to lower-cased code, for searching code; fetched once, on first use. */
export function loadSearchIndex(): Promise<ReadonlyMap<string, string>> {
  if (!searchIndex) {
    const pending = fetchJson<Record<string, string>>(searchIndexPath, 'the code search index').then((o) => new Map(Object.entries(o)));
    pending.catch(() => (searchIndex = undefined));
    searchIndex = pending;
  }
  return searchIndex;
}

export { searchRecipes, nearRecipes, groupByCategory, openRecipe, type Recipe, type RecipeEntry, type CategoryGroup } from './catalog.ts';
