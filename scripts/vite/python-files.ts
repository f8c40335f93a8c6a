// A Vite plugin, build only: moves Pyodide's core, the wheels and the memory snapshot (copied from
// public/) into one folder named by a hash of their contents, `python/<hash>/`, and records that
// folder in wheels/manifest.json as `base`. Their URLs then change exactly when their contents do,
// so they can be cached forever: the worker keeps them in Cache Storage as it downloads them (one
// download, also for offline use), and a new deployment can never mix old and new files.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { packFiles, type PackedFile } from '../../src/runtime/site-packages.ts';
import { zstdFrames } from '../provision/zstd-file.mjs';

/**
 * The manifest as provisioned (scripts/provision-python.mjs), plus what the build adds: the folder
 * it moved the files into, and the wheels' files as one bundle (src/runtime/site-packages.ts).
 */
interface Manifest {
  packages: { file: string }[];
  /**
   * `loaded`: the site-packages files of the modules the snapshot imported; `compressed`: the
   * snapshot as downloaded (Zstandard frames, scripts/provision/zstd-file.mjs).
   */
  snapshot?: { file: string; glue?: string; loaded?: string[]; compressed?: { file: string } };
  base?: string;
  sitePackages?: { file: string; files: number };
  sitePackagesLater?: { file: string; files: number };
  sitePackagesCompiled?: { file: string; files: number };
}

/**
 * The wheels' files in three: what a start from the snapshot needs at once (the modules it has not
 * imported); the sources of the modules it has imported, which only tracebacks read, so they are
 * written once Python is ready; and those modules' compiled files, which only a start without the
 * snapshot reads (the snapshot holds their code already), so a start from it never downloads them.
 */
export function splitSitePackages(
  files: PackedFile[],
  loaded: readonly string[],
): { now: PackedFile[]; later: PackedFile[]; compiled: PackedFile[] } {
  const later = new Set(loaded);
  // A module's compiled file: `pkg/mod.py` is compiled to `pkg/__pycache__/mod.<interpreter>.pyc`.
  const compiledStems = new Set(loaded.map((p) => p.replace(/([^/]+)\.py$/, '__pycache__/$1')));
  const isCompiled = (path: string): boolean => path.endsWith('.pyc') && compiledStems.has(path.slice(0, path.lastIndexOf('.', path.length - 5)));
  return {
    now: files.filter((f) => !later.has(f.path) && !isCompiled(f.path)),
    later: files.filter((f) => later.has(f.path)),
    compiled: files.filter((f) => isCompiled(f.path)),
  };
}

/** The files of a zip archive (a wheel). Wheels use no zip64 and store or deflate each entry. */
export function readWheel(bytes: Buffer): PackedFile[] {
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip archive');
  const files: PackedFile[] = [];
  let at = bytes.readUInt32LE(end + 16);
  for (let n = bytes.readUInt16LE(end + 10); n > 0; n--) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const local = bytes.readUInt32LE(at + 42);
    const path = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (path.endsWith('/')) continue;
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const raw = bytes.subarray(start, start + size);
    if (method !== 0 && method !== 8) throw new Error(`${path}: compression method ${method}`);
    files.push({ path, data: new Uint8Array(method === 8 ? inflateRawSync(raw) : raw) });
  }
  return files;
}

/** Where the versioned folders live in the build output; the worker and the service worker match it. */
export const PYTHON_DIR = 'python';

/** The files a build moves into the versioned folder (path, name), and that folder, from where they are now. */
function versionOf(pyodideDir: string, wheelsDir: string, manifest: Manifest): { moves: [string, string][]; base: string } {
  const moves: [string, string][] = [
    ...readdirSync(pyodideDir).map((f): [string, string] => [join(pyodideDir, f), f]),
    ...manifest.packages.map((p): [string, string] => [join(wheelsDir, p.file), p.file]),
    ...(manifest.snapshot ? [manifest.snapshot.file, compressedSnapshot(manifest.snapshot)].map((f): [string, string] => [join(wheelsDir, f), f]) : []),
  ];
  const hash = createHash('sha256');
  for (const [from, name] of [...moves].sort((a, b) => a[1].localeCompare(b[1]))) hash.update(name).update('\0').update(readFileSync(from));
  return { moves, base: `${PYTHON_DIR}/${hash.digest('hex').slice(0, 16)}/` };
}

/** The snapshot's file as the app downloads it. */
function compressedSnapshot(snapshot: NonNullable<Manifest['snapshot']>): string {
  if (!snapshot.compressed)
    throw new Error('public/wheels/manifest.json names no compressed copy of the memory snapshot (it was provisioned before there was one): run `npm run provision`.');
  return snapshot.compressed.file;
}

// The bundles in the snapshot's format, at a level that costs a build about 2 s for the three
// (level 19 took 8 s, for 0.1 MB less each): the one a first visit waits for is 1.34 MB, not 1.78
// MB gzipped.
const SITE_PACKAGES = 'site-packages.zstd';
const SITE_PACKAGES_LATER = 'site-packages-later.zstd';
const SITE_PACKAGES_COMPILED = 'site-packages-compiled.zstd';
const BUNDLE_LEVEL = 12;
const bundle = (files: PackedFile[]): Promise<Uint8Array> => zstdFrames(packFiles(files), { level: BUNDLE_LEVEL });

/** The manifest as the build writes it, but for the bundles' file counts. */
function built(manifest: Manifest, base: string): Manifest {
  const snapshot = manifest.snapshot && { ...manifest.snapshot, file: compressedSnapshot(manifest.snapshot) };
  const later = manifest.snapshot?.loaded
    ? { sitePackagesLater: { file: SITE_PACKAGES_LATER, files: 0 }, sitePackagesCompiled: { file: SITE_PACKAGES_COMPILED, files: 0 } }
    : {};
  return { ...manifest, base, sitePackages: { file: SITE_PACKAGES, files: 0 }, ...later, snapshot };
}

const MANIFEST_ID = 'virtual:retort/python-manifest';

/**
 * The manifest the build will write, as the module `virtual:retort/python-manifest`, for the
 * Python worker: it then knows where its files are without fetching wheels/manifest.json first.
 * `null` in development, and when nothing is provisioned (the worker then fetches the manifest,
 * and says what is missing). The build checks that the folder it makes is the one named here.
 */
export function pythonManifestModule(publicDir: string): Plugin {
  let build = false;
  return {
    name: 'retort-python-manifest',
    configResolved(config) {
      build = config.command === 'build';
    },
    resolveId: (id) => (id === MANIFEST_ID ? `\0${MANIFEST_ID}` : undefined),
    load(id) {
      if (id !== `\0${MANIFEST_ID}`) return undefined;
      const manifestPath = join(publicDir, 'wheels', 'manifest.json');
      if (!build || !existsSync(manifestPath)) return 'export default null;';
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
      const { base } = versionOf(join(publicDir, 'pyodide'), join(publicDir, 'wheels'), manifest);
      // Only what the worker reads (src/runtime/manifest.ts): not the checksums, nor the list of
      // modules the snapshot imported, which would make the worker's script longer to load.
      const { packages, snapshot, sitePackages, sitePackagesLater, sitePackagesCompiled } = built(manifest, base);
      const forWorker = {
        base,
        packages: packages.map(({ file }) => ({ file })),
        snapshot: snapshot && { file: snapshot.file, glue: snapshot.glue },
        sitePackages: sitePackages && { file: sitePackages.file },
        sitePackagesLater: sitePackagesLater && { file: sitePackagesLater.file },
        sitePackagesCompiled: sitePackagesCompiled && { file: sitePackagesCompiled.file },
      };
      return `export default ${JSON.stringify(forWorker)};`;
    },
  };
}

export function versionedPython(publicDir: string): Plugin {
  let outDir = '';
  return {
    name: 'retort-versioned-python',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : join(config.root, config.build.outDir);
    },
    // writeBundle runs after public/ is copied and before the service worker's precache list is made.
    async writeBundle() {
      const manifestPath = join(outDir, 'wheels', 'manifest.json');
      if (!existsSync(manifestPath)) return; // not provisioned: the runtime then says what is missing
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
      const { moves, base } = versionOf(join(outDir, 'pyodide'), join(outDir, 'wheels'), manifest);
      const planned = versionOf(join(publicDir, 'pyodide'), join(publicDir, 'wheels'), manifest).base;
      if (planned !== base) throw new Error(`The Python files changed during the build (${planned} became ${base}): build again.`);
      mkdirSync(join(outDir, base), { recursive: true });
      for (const [from, name] of moves) renameSync(from, join(outDir, base, name));
      rmSync(join(outDir, 'pyodide'), { recursive: true, force: true });
      // The app reads the wheels' files as bundles and the snapshot as provisioning compressed it
      // (24 MB, 7.1 MB compressed), all as Zstandard frames it decodes itself; the wheels stay for
      // anyone who wants them (the bench's naive page). `.zstd`, not `.zst`: a static server that
      // maps the suffix to Content-Encoding would have the browser decode them early.
      const files = manifest.packages.flatMap((p) => readWheel(readFileSync(join(outDir, base, p.file))));
      const { now, later, compiled } = splitSitePackages(files, manifest.snapshot?.loaded ?? []);
      writeFileSync(join(outDir, base, SITE_PACKAGES), await bundle(now));
      if (manifest.snapshot?.loaded) {
        writeFileSync(join(outDir, base, SITE_PACKAGES_LATER), await bundle(later));
        writeFileSync(join(outDir, base, SITE_PACKAGES_COMPILED), await bundle(compiled));
      }
      if (manifest.snapshot) rmSync(join(outDir, base, manifest.snapshot.file));
      const written = built(manifest, base);
      written.sitePackages = { file: SITE_PACKAGES, files: now.length };
      if (written.sitePackagesLater) written.sitePackagesLater = { file: SITE_PACKAGES_LATER, files: later.length };
      if (written.sitePackagesCompiled) written.sitePackagesCompiled = { file: SITE_PACKAGES_COMPILED, files: compiled.length };
      writeFileSync(manifestPath, `${JSON.stringify(written, null, 2)}\n`);
    },
  };
}
