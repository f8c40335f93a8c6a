// A Pyodide memory snapshot taken after SQLAlchemy is imported, so the app restores a warm Python
// in about a second instead of booting one (several seconds) and importing SQLAlchemy.
// Taken in Node with the same Pyodide build the browser loads; Pyodide refuses a snapshot from
// another build, and the runtime then falls back to a plain start.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Modules imported before the snapshot: what every notebook needs first. */
export const SNAPSHOT_IMPORTS = ['sqlalchemy', 'sqlalchemy.orm', 'sqlalchemy.dialects.sqlite', 'sqlite3', 'json', 'dataclasses', 'decimal', 'uuid', 'datetime'];

export async function makeSnapshot(pyodideDir, wheelsDir, wheelFiles, outFile) {
  const { loadPyodide } = await import(join(pyodideDir, 'pyodide.mjs'));
  const pyodide = await loadPyodide({ indexURL: `${pyodideDir}/`, _makeSnapshot: true, stdout: () => {}, stderr: () => {} });
  for (const file of wheelFiles)
    pyodide.unpackArchive(new Uint8Array(readFileSync(join(wheelsDir, file))), 'wheel', { extractDir: '/lib/python3.14/site-packages' });
  pyodide.runPython(SNAPSHOT_IMPORTS.map((m) => `import ${m}`).join('\n'));
  const snapshot = pyodide.makeMemorySnapshot();
  writeFileSync(outFile, snapshot);
  return snapshot.length;
}
