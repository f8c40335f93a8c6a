// The wheel sources of the install step, each on its own; the Pyodide one against a loopback server.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressedIsCurrent, provision } from '../../scripts/provision-python.mjs';
import { FRAME, ZSTD_LEVEL } from '../../scripts/provision/zstd-file.mjs';
import { glueHash as provisionGlueHash, readGlue } from '../../scripts/provision/snapshot.mjs';
import { glueHash } from '../../src/runtime/glue-hash.ts';
import { compareVersions, fromPyodidePackages, fromWheelFolder, versionFits, REQUIRED } from '../../scripts/provision/sources.mjs';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'retort-provision-'));
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const sqlalchemy = REQUIRED[0]!;

describe('versions', () => {
  it('compares dotted versions numerically', () => {
    expect(compareVersions('2.0.41', '2.0.9')).toBe(1);
    expect(compareVersions('2.0', '2.0.0')).toBe(0);
    expect(compareVersions('1.4.46', '2.0.41')).toBe(-1);
  });
  it('accepts SQLAlchemy >=2.0.41,<2.1 only', () => {
    expect(versionFits(sqlalchemy, '2.0.41')).toBe(true);
    expect(versionFits(sqlalchemy, '2.0.52')).toBe(true);
    expect(versionFits(sqlalchemy, '2.0.40')).toBe(false);
    expect(versionFits(sqlalchemy, '2.1.0')).toBe(false);
    expect(versionFits(sqlalchemy, '1.4.46')).toBe(false);
  });
});

describe('source 1: a folder of wheels', () => {
  it('takes the newest fitting wheel of each package', async () => {
    const dir = tmp();
    for (const f of [
      'SQLAlchemy-2.0.45-py3-none-any.whl',
      'sqlalchemy-2.0.50-py3-none-any.whl',
      'sqlalchemy-2.1.0-py3-none-any.whl',
      'typing_extensions-4.12.2-py3-none-any.whl',
    ])
      writeFileSync(join(dir, f), f);
    const workDir = tmp();
    const wheels = await fromWheelFolder({ env: { RETORT_WHEELS_DIR: dir }, workDir });
    expect(wheels.map((w: { file: string }) => w.file)).toEqual([
      'sqlalchemy-2.0.50-py3-none-any.whl',
      'typing_extensions-4.12.2-py3-none-any.whl',
    ]);
    expect(readdirSync(workDir).sort()).toEqual(['sqlalchemy-2.0.50-py3-none-any.whl', 'typing_extensions-4.12.2-py3-none-any.whl']);
  });
  it('says what is missing', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'sqlalchemy-1.4.46-py3-none-any.whl'), '');
    await expect(fromWheelFolder({ env: { RETORT_WHEELS_DIR: dir }, workDir: tmp() })).rejects.toThrow(
      /no sqlalchemy wheel with version >=2\.0\.41,<2\.1/,
    );
    await expect(fromWheelFolder({ env: {}, workDir: tmp() })).rejects.toThrow(/RETORT_WHEELS_DIR is not set/);
  });
});

describe("source 2: Pyodide's packages, checked against its lock file", () => {
  const files: Record<string, Buffer> = {
    'sqlalchemy-2.0.48-cp314-cp314-pyemscripten_2026_0_wasm32.whl': Buffer.from('fake sqlalchemy wheel'),
    'typing_extensions-4.15.0-py3-none-any.whl': Buffer.from('fake typing_extensions wheel'),
  };
  let server: Server;
  let base: string;
  let requests: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const body = files[(req.url ?? '').replace('/full/', '')];
      if (!body) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/full/`;
  });
  afterAll(() => server.close());

  function pyodideWithLock(overrides: Record<string, Partial<{ sha256: string; version: string; file_name: string }>> = {}): string {
    const dir = tmp();
    const entry = (name: string, file: string, version: string) => ({
      name,
      version,
      file_name: file,
      sha256: sha(files[file]!),
      ...overrides[name],
    });
    const lock = {
      info: { python: '3.14.2' },
      packages: {
        sqlalchemy: entry('sqlalchemy', 'sqlalchemy-2.0.48-cp314-cp314-pyemscripten_2026_0_wasm32.whl', '2.0.48'),
        'typing-extensions': entry('typing-extensions', 'typing_extensions-4.15.0-py3-none-any.whl', '4.15.0'),
      },
    };
    writeFileSync(join(dir, 'pyodide-lock.json'), JSON.stringify(lock));
    return dir;
  }

  it('downloads the wheels the lock file names and checks their sha256', async () => {
    requests = [];
    const workDir = tmp();
    const wheels = await fromPyodidePackages({
      env: { RETORT_PYODIDE_PACKAGES_URL: base },
      workDir,
      pyodideDir: pyodideWithLock(),
      pyodideVersion: '314.0.7',
    });
    expect(wheels.map((w: { name: string; version: string }) => `${w.name} ${w.version}`)).toEqual(['sqlalchemy 2.0.48', 'typing_extensions 4.15.0']);
    expect(requests).toEqual(Object.keys(files).map((f) => `/full/${f}`));
    expect(readdirSync(workDir).sort()).toEqual(Object.keys(files).sort());
  });

  it('refuses a wheel whose sha256 differs from the lock file', async () => {
    await expect(
      fromPyodidePackages({
        env: { RETORT_PYODIDE_PACKAGES_URL: base },
        workDir: tmp(),
        pyodideDir: pyodideWithLock({ sqlalchemy: { sha256: '0'.repeat(64) } }),
        pyodideVersion: '314.0.7',
      }),
    ).rejects.toThrow(/sha256 .* does not match the lock file/);
  });

  it('says which file could not be downloaded', async () => {
    await expect(
      fromPyodidePackages({
        env: { RETORT_PYODIDE_PACKAGES_URL: base },
        workDir: tmp(),
        pyodideDir: pyodideWithLock({ sqlalchemy: { file_name: 'missing.whl' } }),
        pyodideVersion: '314.0.7',
      }),
    ).rejects.toThrow(/could not download .*missing\.whl: HTTP 404/);
  });

  it('refuses a lock file whose SQLAlchemy is too old', async () => {
    await expect(
      fromPyodidePackages({
        env: { RETORT_PYODIDE_PACKAGES_URL: base },
        workDir: tmp(),
        pyodideDir: pyodideWithLock({ sqlalchemy: { version: '2.0.40' } }),
        pyodideVersion: '314.0.7',
      }),
    ).rejects.toThrow(/2\.0\.40, outside >=2\.0\.41,<2\.1/);
  });
});

describe('when every source fails', () => {
  it('names each source, why it failed and what to do, and writes nothing', async () => {
    const publicDir = join(tmp(), 'public');
    const closed = 'http://127.0.0.1:9'; // the discard port: nothing listens on loopback
    const error = await provision({
      env: { RETORT_PYODIDE_PACKAGES_URL: `${closed}/full/`, RETORT_DEBIAN_MIRROR: `${closed}/debian`, RETORT_PROVISION_FORCE: '1' },
      publicDir,
      cacheDir: tmp(),
    }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/Every source failed/);
    expect(error?.message).toMatch(/1\. a folder of wheels .*RETORT_WHEELS_DIR is not set\n\s+To use it: set RETORT_WHEELS_DIR/);
    expect(error?.message).toMatch(/2\. Pyodide's package files.*could not download/);
    expect(error?.message).toMatch(/3\. Debian's archive.*could not read http:\/\/127\.0\.0\.1:9\/debian unstable: Could not connect/);
    expect(error?.message).toMatch(/Nothing was written to public\/wheels/);
    expect(existsSync(join(publicDir, 'wheels'))).toBe(false);
  }, 60_000);
});

describe('the Python glue hash recorded beside the snapshot', () => {
  it('is the same at provisioning (node:crypto) and at start (Web Crypto), and changes with any file', async () => {
    const sources = readGlue();
    expect(Object.keys(sources)).toContain('session.py');
    expect(await glueHash(sources)).toBe(provisionGlueHash(sources));
    const edited = { ...sources, 'display.py': `${sources['display.py']} ` };
    expect(await glueHash(edited)).not.toBe(await glueHash(sources));
    expect(provisionGlueHash(edited)).toBe(await glueHash(edited));
    // A renamed file with the same text is a different glue.
    const { 'host.py': host, ...rest } = sources;
    expect(provisionGlueHash({ ...rest, 'host2.py': host! })).not.toBe(provisionGlueHash(sources));
  });
});

describe("the snapshot's compressed copy", () => {
  it('is made again when it is missing, changed, or was made with another level or frame size', () => {
    const dir = tmp();
    const body = Buffer.from('frames');
    writeFileSync(join(dir, 'snapshot.bin.zstd'), body);
    const entry = { file: 'snapshot.bin.zstd', sha256: sha(body), level: ZSTD_LEVEL, frame: FRAME };
    expect(compressedIsCurrent(dir, { compressed: entry })).toBe(true);
    expect(compressedIsCurrent(dir, {})).toBe(false); // provisioned before there was one
    expect(compressedIsCurrent(dir, { compressed: { ...entry, level: ZSTD_LEVEL - 1 } })).toBe(false);
    expect(compressedIsCurrent(dir, { compressed: { ...entry, frame: FRAME * 2 } })).toBe(false);
    expect(compressedIsCurrent(dir, { compressed: { ...entry, sha256: sha(Buffer.from('other')) } })).toBe(false);
    expect(compressedIsCurrent(dir, { compressed: { ...entry, file: 'gone.zstd' } })).toBe(false);
  });
});
