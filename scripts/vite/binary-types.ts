// A Vite plugin for the dev and preview servers: send the build's compressed snapshot and bundles
// (`*.zstd`) and the wheels (`*.whl`) with a binary Content-Type, as a static host does for such
// files.
//
// Vite's servers know none of these extensions, send them with an empty Content-Type, and their
// compression middleware takes an empty type for text: it gzipped the 10 MB snapshot (then
// gzipped already) again on every request, 0.6 s of one of the machine's two cores on a first
// visit, and the sqlalchemy wheel for the bench's naive baseline too. The server's file handler keeps a
// Content-Type that is already set, so setting it before it runs is enough.
import type { Connect, Plugin } from 'vite';

const TYPES: Record<string, string> = { '.zstd': 'application/zstd', '.whl': 'application/zip' };

/** The Content-Type to send for a request's path, when this plugin has one. */
export function binaryTypeOf(url: string): string | undefined {
  const path = url.split(/[?#]/)[0]!;
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : TYPES[path.slice(dot)];
}

const setType: Connect.NextHandleFunction = (req, res, next) => {
  const type = binaryTypeOf(req.url ?? '');
  if (type) res.setHeader('Content-Type', type);
  next();
};

export function binaryTypes(): Plugin {
  return {
    name: 'retort:binary-types',
    configureServer: (server) => void server.middlewares.use(setType),
    configurePreviewServer: (server) => void server.middlewares.use(setType),
  };
}
