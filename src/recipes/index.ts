// The app's catalog, from the top-level recipes/ folder, bundled at build time.
import { buildCatalog, type Recipe } from './catalog.ts';

const files = import.meta.glob<string>('../../recipes/*.md', { query: '?raw', import: 'default', eager: true });

/** Every valid recipe, sorted by title. */
export const recipes: readonly Recipe[] = buildCatalog(files);

/** The recipe with this slug, if any. */
export function findRecipe(slug: string): Recipe | undefined {
  return recipes.find((r) => r.meta.slug === slug);
}

export { searchRecipes, groupByCategory, openRecipe, type Recipe, type CategoryGroup } from './catalog.ts';
