// A Pyodide memory snapshot taken after SQLAlchemy and the app's Python glue are imported and
// SQLAlchemy's lazy paths warmed, so the app restores a warm Python in about a second instead of
// booting one (several seconds), importing SQLAlchemy and compiling the glue.
// Taken in Node with the same Pyodide build the browser loads; Pyodide refuses a snapshot from
// another build, and the runtime then falls back to a plain start. The glue may change after
// provisioning: its content hash goes into the manifest, and the runtime imports the current files
// instead of the snapshot's modules when the hashes differ (src/runtime/core.ts).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sparseSnapshot } from './sparse-snapshot.mjs';
import { initialMemory } from './wasm-data.mjs';

/** Modules imported before the snapshot: what every notebook needs first. */
export const SNAPSHOT_IMPORTS = ['sqlalchemy', 'sqlalchemy.orm', 'sqlalchemy.dialects.sqlite', 'sqlite3', 'json', 'dataclasses', 'decimal', 'uuid', 'datetime'];
/** The glue's modules imported before the snapshot (all of them; `retort.session` imports the rest but `host`, `warm`). */
export const GLUE_IMPORTS = ['retort.session', 'retort.host', 'retort.warm'];
/** Where the runtime puts the glue (GLUE_DIR in src/runtime/core.ts): the snapshot's modules must name the same files. */
const GLUE_DIR = '/lib/retort';
/** The glue's sources, from the checkout this runs in. */
export const GLUE_SOURCE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'python', 'retort');

/** The glue's files, name to source. */
export function readGlue(dir = GLUE_SOURCE_DIR) {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.py'))
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
}

/** The same hash as glueHash in src/runtime/glue-hash.ts. */
export function glueHash(sources) {
  const hash = createHash('sha256');
  for (const name of Object.keys(sources).sort()) hash.update(`${name}\0${sources[name]}\0`, 'utf8');
  return hash.digest('hex');
}

/** How the file is laid out (scripts/provision/sparse-snapshot.mjs); provisioning retakes a snapshot written another way. */
export const SNAPSHOT_LAYOUT = 'sparse-4k-kept';

/**
 * Take the snapshot into `outFile`; returns its size, the memory size it restores, the hash of the
 * glue it holds, and the site-packages files (relative paths) of the modules it has imported: their
 * code is in the snapshot, so a start from it needs those files only for tracebacks' source lines.
 */
export async function makeSnapshot(pyodideDir, wheelsDir, wheelFiles, outFile, glueDir = GLUE_SOURCE_DIR) {
  const { loadPyodide } = await import(join(pyodideDir, 'pyodide.mjs'));
  const pyodide = await loadPyodide({ indexURL: `${pyodideDir}/`, _makeSnapshot: true, stdout: () => {}, stderr: () => {} });
  for (const file of wheelFiles)
    pyodide.unpackArchive(new Uint8Array(readFileSync(join(wheelsDir, file))), 'wheel', { extractDir: '/lib/python3.14/site-packages' });
  const glue = readGlue(glueDir);
  pyodide.FS.mkdirTree(`${GLUE_DIR}/retort`);
  for (const [name, source] of Object.entries(glue)) pyodide.FS.writeFile(`${GLUE_DIR}/retort/${name}`, source);
  pyodide.runPython(
    [
      ...SNAPSHOT_IMPORTS.map((m) => `import ${m}`),
      `import sys; sys.path.insert(0, ${JSON.stringify(GLUE_DIR)})`,
      ...GLUE_IMPORTS.map((m) => `import ${m}`),
      'retort.warm.warm_sqlalchemy()',
    ].join('\n'),
  );
  const snapshot = pyodide.makeMemorySnapshot();
  // The snapshot is Python's whole memory, and much of it is zeros (pages that grew for a moment
  // and were freed again) or as instantiating the module leaves it. The file leaves those out; the
  // runtime writes the memory back itself.
  const sparse = sparseSnapshot(snapshot, initialMemory(readFileSync(join(pyodideDir, 'pyodide.asm.wasm'))));
  writeFileSync(outFile, sparse);
  const loaded = JSON.parse(
    pyodide.runPython(`
import json, sys
_site = "/lib/python3.14/site-packages/"
json.dumps(sorted({m.__file__[len(_site):] for m in list(sys.modules.values()) if (getattr(m, "__file__", None) or "").startswith(_site)}))
`),
  );
  return { size: sparse.length, memory: snapshot.length, glue: glueHash(glue), loaded };
}
