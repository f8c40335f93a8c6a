// Where the Python files are, from the site's wheels/manifest.json (written by provisioning,
// completed by the build in scripts/vite/python-files.ts). Read by the worker itself, as soon as
// it starts: the page sends only the manifest's URL, so a busy page does not hold up the start.
import type { PythonFiles } from '../protocol/runtime-api.ts';

export interface Manifest {
  packages: { file: string }[];
  /** `glue`: the content hash of the Python glue it holds. */
  snapshot?: { file: string; glue?: string };
  /** In a build, the versioned folder holding Pyodide, the wheels and the snapshot (scripts/vite/python-files.ts). */
  base?: string;
  /** In a build, the wheels' files as one bundle, installed instead of the wheels. */
  sitePackages?: { file: string };
  /** In a build, the sources of modules the snapshot imported, as their own bundle (for tracebacks, after the start). */
  sitePackagesLater?: { file: string };
  /** In a build, the compiled files of modules the snapshot imported (only a start without the snapshot needs them). */
  sitePackagesCompiled?: { file: string };
}

/** The files a manifest names, as URLs; `manifestURL` is `<site>/wheels/manifest.json`. */
export function filesOf(manifest: Manifest, manifestURL: string): PythonFiles {
  const site = new URL('../', manifestURL);
  const url = (name: string, folder: string): string => new URL(`${manifest.base ?? folder}${name}`, site).href;
  return {
    indexURL: url('', 'pyodide/'),
    wheels: manifest.packages.map((p) => url(p.file, 'wheels/')),
    snapshot: manifest.snapshot ? url(manifest.snapshot.file, 'wheels/') : undefined,
    snapshotGlue: manifest.snapshot?.glue,
    sitePackages: manifest.sitePackages ? url(manifest.sitePackages.file, 'wheels/') : undefined,
    sitePackagesLater: manifest.sitePackagesLater ? url(manifest.sitePackagesLater.file, 'wheels/') : undefined,
    sitePackagesCompiled: manifest.sitePackagesCompiled ? url(manifest.sitePackagesCompiled.file, 'wheels/') : undefined,
  };
}

/** Fetch the manifest and name its files; a missing manifest says how to make one. */
export async function readManifest(manifestURL: string, get: typeof fetch): Promise<PythonFiles> {
  const response = await get(manifestURL);
  if (!response.ok)
    throw new Error(`The Python packages are missing from this site (wheels/manifest.json: HTTP ${response.status}). Rebuild it after npm install.`);
  return filesOf((await response.json()) as Manifest, manifestURL);
}
