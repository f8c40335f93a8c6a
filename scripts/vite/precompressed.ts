// A Vite plugin: the build writes a brotli (`.br`) and a gzip (`.gz`) copy beside each file that a
// browser downloads as text or WebAssembly, and the preview server sends the copy a request
// accepts, with Content-Encoding, as static hosts that serve precompressed files do (nginx's
// brotli_static and gzip_static, Caddy's `precompressed`).
//
// Why: Pyodide's WebAssembly (9.6 MB) is 3.1 MB in brotli, and servers that compress on the fly
// leave `application/wasm` alone (Vite's own do); a first visit then downloads 6.5 MB less. The
// JavaScript travels about a sixth smaller than in gzip. And the preview server, which the bench
// and the browser tests run on the same two cores as Chromium, no longer gzips the JavaScript
// again on every request (about 75 ms of its CPU on each first visit).
import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Connect, Plugin } from 'vite';

/** The Content-Type of each extension that gets compressed copies. */
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

/** Smaller files are left as they are: their copies would save less than a packet. */
const MIN_BYTES = 1024;
/**
 * Brotli's best quality for files up to this size, a lower one above: for the 9.6 MB wasm,
 * quality 11 takes 26 s for 3 % less than quality 9, which takes 1.5 s (measured here).
 */
const BEST_UP_TO = 2 * 1024 * 1024;

/** The copies, in the order a server prefers them. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Whether a file (by name and size) gets compressed copies. */
export const wantsCopies = (name: string, bytes: number): boolean => bytes >= MIN_BYTES && extname(name) in TYPES;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/**
 * Write `<file>.br` and `<file>.gz` beside each file under `dir` that `wantsCopies`, unless a copy
 * would be no smaller than the file. Returns how many files got copies.
 */
export async function writeCompressedCopies(dir: string): Promise<number> {
  let written = 0;
  await Promise.all(
    (await filesUnder(dir)).map(async (file) => {
      const bytes = await readFile(file);
      if (!wantsCopies(file, bytes.length)) return;
      const quality = bytes.length <= BEST_UP_TO ? constants.BROTLI_MAX_QUALITY : 9;
      const [br, gz] = await Promise.all([
        brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
        gzipped(bytes, { level: 9 }),
      ]);
      if (gz.length >= bytes.length) return;
      await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
      written++;
    }),
  );
  return written;
}

/** The encodings an Accept-Encoding header allows (`q=0` refuses one; `*` allows the rest). */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const allowed = new Set<string>();
  const refused = new Set<string>();
  let any = false;
  for (const part of (header ?? '').split(',')) {
    const [raw, ...params] = part.toLowerCase().split(';');
    const token = raw?.trim();
    if (!token) continue;
    const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const ok = q === undefined || Number(q) > 0;
    if (token === '*') any = ok;
    else (ok ? allowed : refused).add(token);
  }
  if (any) for (const { name } of ENCODINGS) if (!refused.has(name)) allowed.add(name);
  return allowed;
}

/** What to send for a request: the copy's path, its encoding and the original's type. */
export interface Precompressed {
  path: string;
  encoding: string;
  type: string;
}

/**
 * The compressed copy to send for a URL path, if its type gets copies, the request accepts one and
 * it exists (`exists` is asked of paths relative to the site's root); undefined otherwise.
 */
export function precompressedFor(path: string, acceptEncoding: string | undefined, exists: (path: string) => boolean): Precompressed | undefined {
  const type = TYPES[extname(path)];
  if (!type || path.split('/').includes('..')) return undefined;
  const accepted = acceptedEncodings(acceptEncoding);
  for (const { name, suffix } of ENCODINGS)
    if (accepted.has(name) && exists(`${path}${suffix}`)) return { path: `${path}${suffix}`, encoding: name, type };
  return undefined;
}

/** Preview middleware: points the request at the copy and sets the headers; Vite's file server sends it. */
function serveCopies(root: string): Connect.NextHandleFunction {
  const exists = (path: string): boolean => {
    const file = resolve(root, `.${path}`);
    return file.startsWith(root + sep) && existsSync(file);
  };
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const [path = '', query] = (req.url ?? '').split(/\?(.*)/s, 2);
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return next(); // a malformed URL is the file server's to answer
    }
    if (!(extname(decoded) in TYPES)) return next();
    res.setHeader('Vary', 'Accept-Encoding');
    const copy = precompressedFor(decoded, req.headers['accept-encoding'], exists);
    if (copy) {
      // The file server keeps a Content-Type already set, and the compression middleware leaves
      // alone a response that already has a Content-Encoding.
      res.setHeader('Content-Encoding', copy.encoding);
      res.setHeader('Content-Type', copy.type);
      req.url = `${path}${copy.path.slice(decoded.length)}${query === undefined ? '' : `?${query}`}`;
    }
    next();
  };
}

export function precompressed(): Plugin {
  let outDir: string | undefined;
  return {
    name: 'retort:precompressed',
    configResolved(config) {
      // Only a build writes copies (the dev server also calls closeBundle, when it closes).
      if (config.command === 'build') outDir = resolve(config.root, config.build.outDir);
    },
    // After every other plugin has written its files (the versioned Python folder among them).
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        if (outDir && existsSync(outDir)) await writeCompressedCopies(outDir);
      },
    },
    configurePreviewServer: (server) => void server.middlewares.use(serveCopies(resolve(server.config.root, server.config.build.outDir))),
  };
}
