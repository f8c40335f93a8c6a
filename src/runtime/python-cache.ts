// Keeps the Python files (Pyodide's core, the wheels, the memory snapshot) in Cache Storage as the
// worker downloads them, so they are downloaded once: later visits and offline use read them from
// here. Only files under a versioned folder (`python/<hash>/`, made by scripts/vite/python-files.ts)
// are kept: their URL changes whenever their content does, so a kept copy is never stale. The
// service worker does not precache them (vite.config.ts), so they are not downloaded twice; the
// dev server's unversioned files go straight to the network.
/// <reference lib="webworker" />
import { zstdFrames } from './zstd-frames.ts';

/** The Cache Storage name. */
export const PYTHON_CACHE = 'retort-python';
const VERSIONED = /\/python\/[0-9a-f]{16}\//;

async function openCache(): Promise<Cache | undefined> {
  try {
    return await caches.open(PYTHON_CACHE);
  } catch {
    return undefined; // no Cache Storage (an insecure context, say): plain downloads
  }
}

/**
 * Files the build compressed (`*.zstd`: the snapshot and the site-packages bundles) decoded as they
 * arrive (src/runtime/zstd-frames.ts), so they travel small but are kept decoded: later starts skip
 * the decoding.
 */
function decoded(url: string, response: Response): Response {
  if (!url.split(/[?#]/)[0]!.endsWith('.zstd') || response.status !== 200 || !response.body) return response;
  const headers = new Headers(response.headers);
  headers.delete('Content-Length');
  const decoding = new Response(response.body.pipeThrough(zstdFrames()), { status: 200, headers });
  decodingResponses.add(decoding);
  return decoding;
}

const decodingResponses = new WeakSet<Response>();

/**
 * A response and a copy of it, one for the caller and one for the cache. A decoding response's
 * body is a stream made by script, and `Response.clone()` would copy each of its chunks through a
 * structured clone: 27 MB for the snapshot, about 0.4 s of the worker's time on a first visit. A
 * plain tee hands both the same chunks, which neither reader changes.
 */
function withCopy(response: Response): [Response, Response] {
  if (!decodingResponses.has(response) || !response.body) return [response, response.clone()];
  const init = { status: response.status, headers: response.headers };
  const [mine, copy] = response.body.tee();
  return [new Response(mine, init), new Response(copy, init)];
}

const keptResponses = new WeakSet<Response>();

/** Whether a response of `cachingFetch` came from the cache rather than the network. */
export const wasKept = (response: Response): boolean => keptResponses.has(response);

/** `fetch`, answered from the cache for versioned Python files, and filling it on a miss. */
export function cachingFetch(network: typeof fetch): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!VERSIONED.test(url) || (init?.method ?? 'GET') !== 'GET') return decoded(url, await network(input, init));
    const cache = await openCache();
    const kept = await cache?.match(url, { ignoreVary: true });
    if (kept) {
      keptResponses.add(kept);
      return kept;
    }
    const response = decoded(url, await network(input, init));
    if (!cache || response.status !== 200) return response;
    // The copy is stored while the caller reads the original: one download serves both.
    const [mine, copy] = withCopy(response);
    cache.put(url, copy).catch((error: unknown) => console.warn(`Could not keep ${url} for offline use:`, error));
    return mine;
  };
}

/** Drop kept files of other versions, once this version's are in use. */
export async function keepOnlyVersion(anyUrlOfVersion: string): Promise<void> {
  const folder = VERSIONED.exec(anyUrlOfVersion)?.[0];
  const cache = folder ? await openCache() : undefined;
  if (!cache || !folder) return;
  for (const request of await cache.keys()) if (!request.url.includes(folder)) await cache.delete(request);
}

/**
 * The failures among `failures` (from `notingFailures`) that Pyodide's start survives but Python
 * does not: it logs a standard library it could not get and goes on, and from the snapshot Python
 * then comes up without the modules it had not imported. Such a start must count as failed.
 */
export function quietlyMissing(failures: string[]): string[] {
  return failures.filter((failure) => failure.startsWith('python_stdlib.zip '));
}

/**
 * `fetch`, noting each download that failed (an HTTP error, or no connection at all), so that a
 * start that fails can say which file it could not get. Pyodide's own error is then often about
 * the bytes it got instead (an error page is no WebAssembly), which tells a person nothing.
 */
export function notingFailures(network: typeof fetch): { fetch: typeof fetch; failures: () => string[] } {
  const failed = new Set<string>();
  const name = (input: RequestInfo | URL): string => {
    const url = input instanceof Request ? input.url : String(input);
    return url.split(/[?#]/)[0]!.split('/').pop() || url;
  };
  return {
    fetch: async (input, init) => {
      try {
        const response = await network(input, init);
        if (!response.ok) failed.add(`${name(input)} (HTTP ${response.status})`);
        return response;
      } catch (error) {
        failed.add(`${name(input)} (no connection)`);
        throw error;
      }
    },
    failures: () => [...failed],
  };
}
