// The Node host of the execution core: used by the CLI and the runtime tests. Same core, same
// Python glue as the worker; files come from disk instead of the network.
import { openAsBlob, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { InitOptions, RuntimeApi, RuntimeEvent } from '../protocol/runtime-api.ts';
import { createRuntime, type RuntimeHost } from './core.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The Python glue files, by name, read from src/python/retort. */
export function readPythonSources(): Record<string, string> {
  const dir = join(root, 'src', 'python', 'retort');
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.py'))
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
}

/** Paths of the provisioned wheels and snapshot, from public/wheels/manifest.json. */
export function provisioned(): { wheels: string[]; snapshot?: string; snapshotGlue?: string } {
  const dir = join(root, 'public', 'wheels');
  let manifest: { packages: { file: string }[]; snapshot?: { file: string; glue?: string } };
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as typeof manifest;
  } catch {
    throw new Error('public/wheels/manifest.json is missing: run `npm install` (or `npm run provision`) first.');
  }
  return {
    wheels: manifest.packages.map((p) => join(dir, p.file)),
    snapshot: manifest.snapshot ? join(dir, manifest.snapshot.file) : undefined,
    snapshotGlue: manifest.snapshot?.glue,
  };
}

/** Paths of the provisioned wheels. */
export function provisionedWheels(): string[] {
  return provisioned().wheels;
}

/**
 * A runtime in this Node process, started and ready; `pythonSources` replaces the glue read from
 * src/python/retort, and `host` any other part of the host (both for tests).
 */
export async function startNodeRuntime(
  onEvent: (event: RuntimeEvent) => void = () => {},
  options: Partial<InitOptions> = {},
  pythonSources: Record<string, string> = readPythonSources(),
  host: Partial<RuntimeHost> = {},
): Promise<RuntimeApi> {
  const runtime = createRuntime({
    async loadPyodide(config) {
      const { loadPyodide } = await import('pyodide');
      return loadPyodide(config as Parameters<typeof loadPyodide>[0]);
    },
    importAsm: async (indexURL) => import(pathToFileURL(join(indexURL, 'pyodide.asm.mjs')).href),
    readFile: (path) => openAsBlob(path),
    pythonSources,
    emit: onEvent,
    ...host,
  });
  await runtime.init({
    indexURL: `${join(root, 'node_modules', 'pyodide')}/`,
    ...provisioned(),
    ...options,
  });
  return runtime;
}
