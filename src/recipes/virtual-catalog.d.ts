// The build-time catalog made by scripts/vite/recipe-catalog.ts.
declare module 'virtual:recipe-catalog' {
  /** Every valid recipe, sorted by title, with the path (relative to the page) of its body as JSON. */
  export const entries: { meta: import('../notebook/notebook.ts').RecipeMeta; path: string }[];
  /** Path of the JSON object from slug to lower-cased code. */
  export const searchIndexPath: string;
}
