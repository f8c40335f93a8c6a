// Where the worker finds the Python files, from the site's wheels/manifest.json (src/runtime/manifest.ts).
import { describe, expect, it } from 'vitest';
import { filesOf, readManifest } from '../../src/runtime/manifest.ts';

const provisioned = { packages: [{ file: 'sqlalchemy.whl' }, { file: 'typing.whl' }], snapshot: { file: 'snapshot.bin', glue: 'abc' } };

describe('the Python files a manifest names', () => {
  it('in development: Pyodide in pyodide/, the rest in wheels/, beside the site', () => {
    expect(filesOf(provisioned, 'http://host/app/wheels/manifest.json')).toEqual({
      indexURL: 'http://host/app/pyodide/',
      wheels: ['http://host/app/wheels/sqlalchemy.whl', 'http://host/app/wheels/typing.whl'],
      snapshot: 'http://host/app/wheels/snapshot.bin',
      snapshotGlue: 'abc',
      sitePackages: undefined,
    });
  });

  it('in a build: all of them in the versioned folder, with the site-packages bundles', () => {
    const built = {
      ...provisioned,
      base: 'python/0123456789abcdef/',
      snapshot: { file: 'snapshot.bin.gzip', glue: 'abc' },
      sitePackages: { file: 'site-packages.gzip' },
      sitePackagesLater: { file: 'site-packages-later.gzip' },
      sitePackagesCompiled: { file: 'site-packages-compiled.gzip' },
    };
    const files = filesOf(built, 'http://host/wheels/manifest.json');
    expect(files.indexURL).toBe('http://host/python/0123456789abcdef/');
    expect(files.snapshot).toBe('http://host/python/0123456789abcdef/snapshot.bin.gzip');
    expect(files.sitePackages).toBe('http://host/python/0123456789abcdef/site-packages.gzip');
    expect(files.sitePackagesLater).toBe('http://host/python/0123456789abcdef/site-packages-later.gzip');
    expect(files.sitePackagesCompiled).toBe('http://host/python/0123456789abcdef/site-packages-compiled.gzip');
  });

  it('says how to make a missing manifest', async () => {
    const missing = async (): Promise<Response> => new Response('nope', { status: 404 });
    await expect(readManifest('http://host/wheels/manifest.json', missing)).rejects.toThrow(/missing from this site.*HTTP 404.*npm install/);
  });
});
