// A Vite plugin, build only: moves Pyodide's core, the wheels and the memory snapshot (copied from
// public/) into one folder named by a hash of their contents, `python/<hash>/`, and records that
// folder in wheels/manifest.json as `base`. Their URLs then change exactly when their contents do,
// so they can be cached forever: the worker keeps them in Cache Storage as it downloads them (one
// download, also for offline use), and a new deployment can never mix old and new files.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/** The manifest as provisioned (scripts/provision-python.mjs), plus the folder the build moved the files into. */
interface Manifest {
  packages: { file: string }[];
  snapshot?: { file: string };
  base?: string;
}

/** Where the versioned folders live in the build output; the worker and the service worker match it. */
export const PYTHON_DIR = 'python';

export function versionedPython(): Plugin {
  let outDir = '';
  return {
    name: 'retort-versioned-python',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : join(config.root, config.build.outDir);
    },
    // writeBundle runs after public/ is copied and before the service worker's precache list is made.
    writeBundle() {
      const manifestPath = join(outDir, 'wheels', 'manifest.json');
      if (!existsSync(manifestPath)) return; // not provisioned: the runtime then says what is missing
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
      const moves: [string, string][] = [
        ...readdirSync(join(outDir, 'pyodide')).map((f): [string, string] => [join(outDir, 'pyodide', f), f]),
        ...manifest.packages.map((p): [string, string] => [join(outDir, 'wheels', p.file), p.file]),
        ...(manifest.snapshot ? [[join(outDir, 'wheels', manifest.snapshot.file), manifest.snapshot.file] as [string, string]] : []),
      ];
      const hash = createHash('sha256');
      for (const [from, name] of [...moves].sort((a, b) => a[1].localeCompare(b[1]))) hash.update(name).update('\0').update(readFileSync(from));
      const base = `${PYTHON_DIR}/${hash.digest('hex').slice(0, 16)}/`;
      mkdirSync(join(outDir, base), { recursive: true });
      for (const [from, name] of moves) renameSync(from, join(outDir, base, name));
      rmSync(join(outDir, 'pyodide'), { recursive: true, force: true });
      writeFileSync(manifestPath, `${JSON.stringify({ ...manifest, base }, null, 2)}\n`);
    },
  };
}
