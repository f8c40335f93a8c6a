// The install step end to end: wheels from a user's folder, and from Debian's archive through apt
// (the source our own machines use), with the time zones from Debian's tzdata, precompiled by
// Pyodide and recorded in the manifest.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { provision } from '../../scripts/provision-python.mjs';

interface Manifest {
  pyodide: string;
  packages: { name: string; version: string; file: string; sha256: string; source: { id: string; origin: string } }[];
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'retort-provision-'));
const closed = 'http://127.0.0.1:9';
// The machine's python3 (on every Node machine here) lists the wheel's members.
const listing = (wheel: string): string[] =>
  execFileSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', wheel], {
    encoding: 'utf8',
  }).split('\n');

describe('provisioning', () => {
  it("from Debian's archive: repacked wheels with precompiled bytecode beside the sources", async () => {
    const publicDir = join(tmp(), 'public');
    const manifest = (await provision({
      env: { ...process.env, RETORT_WHEELS_DIR: '', RETORT_PYODIDE_PACKAGES_URL: `${closed}/`, RETORT_PROVISION_FORCE: '1' },
      publicDir,
      cacheDir: tmp(),
    })) as Manifest;
    expect(manifest.packages.map((p) => [p.name, p.source.id])).toEqual([
      ['sqlalchemy', 'debian-archive'],
      ['typing_extensions', 'debian-archive'],
      ['tzdata', 'time-zones'],
    ]);
    const sqlalchemy = manifest.packages[0]!;
    expect(sqlalchemy.version).toMatch(/^2\.0\.(4[1-9]|[5-9]\d)$/);
    const files = listing(join(publicDir, 'wheels', sqlalchemy.file));
    expect(files).toContain('sqlalchemy/orm/session.py');
    expect(files).toContain('sqlalchemy/orm/__pycache__/session.cpython-314.pyc');
    expect(files.some((f) => f.endsWith('.dist-info/RECORD'))).toBe(true);
    expect(files.some((f) => f.endsWith('.dist-info/METADATA'))).toBe(true);
    // The time zones, as PyPI's tzdata lays them out: a package per folder, the keys listed.
    const zones = listing(join(publicDir, 'wheels', manifest.packages[2]!.file));
    expect(zones).toEqual(expect.arrayContaining(['tzdata/__init__.py', 'tzdata/zones', 'tzdata/zoneinfo/Europe/__init__.py', 'tzdata/zoneinfo/Europe/Paris', 'tzdata/zoneinfo/UTC']));
    expect(manifest.packages[2]!.source.origin).toMatch(/^Debian tzdata /);
    const manifestOnDisk = JSON.parse(readFileSync(join(publicDir, 'wheels', 'manifest.json'), 'utf8')) as Manifest;
    expect(manifestOnDisk).toEqual(manifest);
    expect(readFileSync(join(publicDir, 'pyodide', 'pyodide.asm.wasm')).length).toBeGreaterThan(1_000_000);
  }, 180_000);

  it("from a user's folder, and a second run finds everything in place and does nothing", async () => {
    const publicDir = join(tmp(), 'public');
    const env = { ...process.env, RETORT_WHEELS_DIR: join(process.cwd(), 'public', 'wheels'), RETORT_PROVISION_FORCE: '' };
    const first = (await provision({ env, publicDir, cacheDir: tmp() })) as Manifest;
    expect(first.packages.map((p) => p.source.id)).toEqual(['wheel-folder', 'wheel-folder', 'time-zones']);
    const stamp = readFileSync(join(publicDir, 'wheels', 'manifest.json'), 'utf8');
    const second = (await provision({ env: { ...env, RETORT_WHEELS_DIR: '/nonexistent' }, publicDir, cacheDir: tmp() })) as Manifest;
    expect(second).toEqual(first);
    expect(readFileSync(join(publicDir, 'wheels', 'manifest.json'), 'utf8')).toBe(stamp);
  }, 180_000);
});
