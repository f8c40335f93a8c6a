// Hash routes, so any static host serves the app and every view has a link.

/** Where the app is. */
export type Route =
  | { name: 'home' }
  | { name: 'recipe'; slug: string }
  | { name: 'variant'; id: string }
  /** A notebook carried in the link itself; the payload is checked when it is decoded, not here. */
  | { name: 'shared'; payload: string };

/** Read a route from `location.hash`. Unknown hashes go home. */
export function parseRoute(hash: string): Route {
  const match = /^#\/recipe\/([a-z0-9-]+)\/?$/.exec(hash);
  if (match?.[1]) return { name: 'recipe', slug: match[1] };
  const variant = /^#\/variant\/([A-Za-z0-9_-]+)\/?$/.exec(hash);
  if (variant?.[1]) return { name: 'variant', id: variant[1] };
  // Anything after the prefix, even malformed: opening it must say what is wrong with it.
  if (hash.startsWith('#/shared/')) return { name: 'shared', payload: hash.slice('#/shared/'.length) };
  return { name: 'home' };
}

/** The hash for a route. */
export function routeHash(route: Route): string {
  if (route.name === 'recipe') return `#/recipe/${route.slug}`;
  if (route.name === 'variant') return `#/variant/${route.id}`;
  if (route.name === 'shared') return `#/shared/${route.payload}`;
  return '#/';
}
