// Hash routes, so any static host serves the app and every view has a link.

/** Where the app is. */
export type Route = { name: 'home' } | { name: 'recipe'; slug: string };

/** Read a route from `location.hash`. Unknown hashes go home. */
export function parseRoute(hash: string): Route {
  const match = /^#\/recipe\/([a-z0-9-]+)\/?$/.exec(hash);
  if (match?.[1]) return { name: 'recipe', slug: match[1] };
  return { name: 'home' };
}

/** The hash for a route. */
export function routeHash(route: Route): string {
  return route.name === 'recipe' ? `#/recipe/${route.slug}` : '#/';
}
