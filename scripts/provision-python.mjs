#!/usr/bin/env node
// Provision the Python side of the app: copy Pyodide's core into public/pyodide and produce
// precompiled wheels for SQLAlchemy, typing_extensions and the time zones (tzdata) in public/wheels,
// with a manifest.
// Runs from `npm install` (postinstall). Idempotent: a complete, matching manifest means no work.
// Sources are tried in order; when all fail, one message names each and what to do.
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBuildPython } from './provision/pyodide-node.mjs';
import { GLUE_IMPORTS, glueHash, makeSnapshot, readGlue, SNAPSHOT_IMPORTS, SNAPSHOT_LAYOUT } from './provision/snapshot.mjs';
import { SOURCES, sha256 } from './provision/sources.mjs';
import { copyZones, findZones, ianaVersion, wheelVersion } from './provision/time-zones.mjs';
import { FRAME, ZSTD_LEVEL, zstdFrames } from './provision/zstd-file.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MANIFEST_FORMAT = 3; // 3: with the tzdata wheel
const SNAPSHOT_FILE = 'snapshot.bin';
/** The suffix of the snapshot's compressed copy: not `.zst`, which a server that maps the suffix to Content-Encoding would have the browser decode first. */
const ZSTD = '.zstd';
/** The files of Pyodide's core the app serves from its own origin. */
export const PYODIDE_CORE = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];

const log = (message) => process.stdout.write(`[provision] ${message}\n`);

function copyPyodideCore(pyodideDir, publicPyodide) {
  mkdirSync(publicPyodide, { recursive: true });
  for (const file of PYODIDE_CORE) {
    const from = join(pyodideDir, file);
    const to = join(publicPyodide, file);
    if (existsSync(to) && statSync(to).size === statSync(from).size && statSync(to).mtimeMs >= statSync(from).mtimeMs) continue;
    copyFileSync(from, to);
  }
}

function manifestIsCurrent(wheelsDir, pyodideVersion) {
  const path = join(wheelsDir, 'manifest.json');
  if (!existsSync(path)) return false;
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    if (manifest.format !== MANIFEST_FORMAT || manifest.pyodide !== pyodideVersion) return false;
    return [...manifest.packages, manifest.snapshot].every((p) => {
      const file = join(wheelsDir, p.file);
      return existsSync(file) && sha256(readFileSync(file)) === p.sha256;
    });
  } catch {
    return false;
  }
}

/**
 * Take the memory snapshot into `outFile`, and beside it `outFile.zstd`, the snapshot as the app
 * downloads it (Zstandard: 7.1 MB against gzip's 9 MB), and describe both for the manifest.
 */
async function snapshotEntry(pyodideDir, wheelsDir, packages, outFile) {
  const { size, memory, glue, loaded } = await makeSnapshot(pyodideDir, wheelsDir, packages.map((p) => p.file), outFile);
  const bytes = readFileSync(outFile);
  log(`  compressing the snapshot for download (Zstandard, level ${ZSTD_LEVEL}: about 15 s)`);
  const compressed = await zstdFrames(bytes);
  writeFileSync(`${outFile}${ZSTD}`, compressed);
  return {
    file: SNAPSHOT_FILE,
    layout: SNAPSHOT_LAYOUT,
    sha256: sha256(bytes),
    size,
    memory,
    imports: SNAPSHOT_IMPORTS,
    glue,
    glueImports: GLUE_IMPORTS,
    loaded,
    compressed: { file: `${SNAPSHOT_FILE}${ZSTD}`, sha256: sha256(compressed), size: compressed.length, level: ZSTD_LEVEL, frame: FRAME },
  };
}

/** Whether the snapshot's compressed copy is there, the one its entry names, made as provisioning makes it now. */
export function compressedIsCurrent(wheelsDir, snapshot) {
  const { compressed } = snapshot;
  if (!compressed || compressed.level !== ZSTD_LEVEL || compressed.frame !== FRAME) return false;
  const file = join(wheelsDir, compressed.file);
  return existsSync(file) && sha256(readFileSync(file)) === compressed.sha256;
}

/** A new snapshot beside the current wheels, swapped in with the manifest that names it. */
async function retakeSnapshot(pyodideDir, wheelsDir, manifest) {
  const fresh = join(wheelsDir, `${SNAPSHOT_FILE}.new`);
  const snapshot = await snapshotEntry(pyodideDir, wheelsDir, manifest.packages, fresh);
  renameSync(`${fresh}${ZSTD}`, join(wheelsDir, snapshot.compressed.file));
  renameSync(fresh, join(wheelsDir, SNAPSHOT_FILE));
  const updated = { ...manifest, snapshot };
  writeFileSync(join(wheelsDir, 'manifest.json'), `${JSON.stringify(updated, null, 2)}\n`);
  return updated;
}

/**
 * The tzdata wheel (scripts/provision/time-zones.mjs), or undefined, said in the log, when no time
 * zone database can be had: Python then works without zoneinfo's named zones, as Pyodide does.
 */
async function timeZoneWheel({ env, workDir, py }) {
  try {
    mkdirSync(workDir, { recursive: true });
    const { zoneinfo, origin } = await findZones({ env, workDir });
    const iana = ianaVersion(zoneinfo);
    const staged = join(workDir, 'zones');
    const keys = copyZones(zoneinfo, staged);
    const version = wheelVersion(iana);
    const file = await py.buildTzdata(staged, iana, version, workDir);
    log(`  time zones: IANA ${iana}, ${keys.length} zones, from ${origin}`);
    return { name: 'tzdata', version, file, dir: workDir, origin, sourceId: 'time-zones' };
  } catch (error) {
    log(`  time zones: not available (${error.message}); zoneinfo.ZoneInfo will find no named zone`);
    return undefined;
  }
}

/**
 * Provision into `publicDir` (pyodide/ and wheels/). Options exist for the tests; the defaults are
 * the project's own folders.
 */
export async function provision({
  env = process.env,
  pyodideDir = join(root, 'node_modules', 'pyodide'),
  publicDir = join(root, 'public'),
  cacheDir = join(root, '.cache'),
} = {}) {
  const publicPyodide = join(publicDir, 'pyodide');
  const wheelsDir = join(publicDir, 'wheels');
  if (!existsSync(join(pyodideDir, 'pyodide.mjs'))) throw new Error('node_modules/pyodide is missing: run npm install first.');
  const pyodideVersion = JSON.parse(readFileSync(join(pyodideDir, 'package.json'), 'utf8')).version;
  copyPyodideCore(pyodideDir, publicPyodide);
  if (env.RETORT_PROVISION_FORCE !== '1' && manifestIsCurrent(wheelsDir, pyodideVersion)) {
    const manifest = JSON.parse(readFileSync(join(wheelsDir, 'manifest.json'), 'utf8'));
    const { glue, layout, loaded } = manifest.snapshot;
    if (glue === glueHash(readGlue()) && layout === SNAPSHOT_LAYOUT && Array.isArray(loaded) && compressedIsCurrent(wheelsDir, manifest.snapshot)) {
      log(`wheels up to date in public/wheels (Pyodide ${pyodideVersion})`);
      return manifest;
    }
    // Only the Python glue (or what the manifest records of the snapshot) changed since it was taken:
    // take it again from the wheels in place.
    log('wheels up to date; the Python glue, the snapshot layout or its compressed copy changed, so the memory snapshot is taken again');
    return retakeSnapshot(pyodideDir, wheelsDir, manifest);
  }
  const work = join(cacheDir, `provision-${process.pid}-${Date.now()}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  let python;
  const getPython = async () => (python ??= await startBuildPython(pyodideDir));
  try {
    const failures = [];
    let found;
    for (const source of SOURCES) {
      const workDir = join(work, source.id);
      mkdirSync(workDir, { recursive: true });
      try {
        log(`trying ${source.describe}`);
        const wheels = await source.fetch({ env, workDir, pyodideDir, pyodideVersion, getPython });
        found = { source, workDir, wheels };
        break;
      } catch (error) {
        failures.push({ source, reason: error.message });
        log(`  not available: ${error.message}`);
        rmSync(workDir, { recursive: true, force: true });
      }
    }
    if (!found) {
      const lines = failures.map((f, i) => `  ${i + 1}. ${f.source.describe}: ${f.reason}\n     To use it: ${f.source.fix}.`);
      throw new Error(`Could not provision SQLAlchemy and typing_extensions for Pyodide. Every source failed:\n${lines.join('\n')}\nNothing was written to public/wheels.`);
    }
    const out = join(work, 'out');
    mkdirSync(out);
    const py = await getPython();
    const wheels = found.wheels.map((wheel) => ({ ...wheel, dir: found.workDir, sourceId: found.source.id }));
    const zones = await timeZoneWheel({ env, workDir: join(work, 'tzdata'), py });
    if (zones) wheels.push(zones);
    const packages = [];
    for (const wheel of wheels) {
      const original = readFileSync(join(wheel.dir, wheel.file));
      const modules = await py.precompile(wheel.dir, wheel.file, out, wheel.file);
      const built = readFileSync(join(out, wheel.file));
      log(`  ${wheel.name} ${wheel.version}: ${modules} modules precompiled`);
      packages.push({
        name: wheel.name,
        version: wheel.version,
        file: wheel.file,
        sha256: sha256(built),
        size: built.length,
        source: { id: wheel.sourceId, origin: wheel.origin, sha256: sha256(original) },
      });
    }
    log('  taking a memory snapshot of Python with SQLAlchemy and the glue imported, SQLAlchemy warmed');
    const snapshot = await snapshotEntry(pyodideDir, out, packages, join(out, SNAPSHOT_FILE));
    const manifest = { format: MANIFEST_FORMAT, pyodide: pyodideVersion, python: '3.14', precompiled: true, packages, snapshot };
    writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    // Swap the finished folder in whole, so a failure never leaves a half-written public/wheels.
    rmSync(wheelsDir, { recursive: true, force: true });
    mkdirSync(dirname(wheelsDir), { recursive: true });
    renameSync(out, wheelsDir);
    log(`wheels from ${found.source.describe} written to public/wheels`);
    return manifest;
  } finally {
    rmSync(work, { recursive: true, force: true });
    python?.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.env.RETORT_SKIP_PROVISION === '1') {
    log('skipped (RETORT_SKIP_PROVISION=1)');
  } else {
    provision().then(
      () => process.exit(0),
      (error) => {
        process.stderr.write(`\n[provision] ${error.message}\n\n`);
        process.exit(1);
      },
    );
  }
}
