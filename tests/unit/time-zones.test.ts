// The time zones the install step turns into a tzdata wheel (scripts/provision/time-zones.mjs):
// which files of a zone folder are zones, under which keys, and how its release is numbered.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyZones, findZones, ianaVersion, wheelVersion } from '../../scripts/provision/time-zones.mjs';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'retort-zones-'));
const zone = (name: string): Buffer => Buffer.concat([Buffer.from('TZif2'), Buffer.from(name)]);

/** A small zone folder laid out as Debian's /usr/share/zoneinfo. */
function zoneFolder(): string {
  const dir = tmp();
  for (const d of ['Etc', 'Europe', 'America/Argentina', 'posix/Europe', 'right']) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, 'Etc/UTC'), zone('utc'));
  writeFileSync(join(dir, 'Europe/Paris'), zone('paris'));
  writeFileSync(join(dir, 'America/Argentina/Salta'), zone('salta'));
  writeFileSync(join(dir, 'posix/Europe/Paris'), zone('paris'));
  writeFileSync(join(dir, 'right/UTC'), zone('utc right'));
  symlinkSync('Etc/UTC', join(dir, 'UTC'));
  symlinkSync('/nonexistent/localtime', join(dir, 'localtime'));
  writeFileSync(join(dir, 'zone.tab'), '# tz zone descriptions\n');
  writeFileSync(join(dir, 'tzdata.zi'), '# version 2026f\n# redo posix_only\n');
  return dir;
}

describe('the zones of a zone folder', () => {
  it('copies each zone under its key, a link as a file of its own, and nothing that is not a zone', () => {
    const to = join(tmp(), 'zones');
    expect(copyZones(zoneFolder(), to)).toEqual(['America/Argentina/Salta', 'Etc/UTC', 'Europe/Paris', 'UTC']);
    expect(readFileSync(join(to, 'UTC'))).toEqual(zone('utc'));
    expect(readdirSync(to).sort()).toEqual(['America', 'Etc', 'Europe', 'UTC']); // no posix/, right/, tables or dangling links
  });

  it('reads the IANA release from tzdata.zi, and numbers it as PyPI numbers tzdata', () => {
    expect(ianaVersion(zoneFolder())).toBe('2026f');
    expect(ianaVersion(tmp())).toBeUndefined();
    expect(wheelVersion('2026f')).toBe('2026.6');
    expect(wheelVersion('2025a')).toBe('2025.1');
    expect(() => wheelVersion('latest')).toThrow(/not an IANA release name: latest/);
  });

  it("falls back on this machine's folder when the archive gives none, and says why when neither does", async () => {
    const local = zoneFolder();
    const noArchive = { RETORT_DEBIAN_MIRROR: 'http://127.0.0.1:9/debian', RETORT_ZONEINFO: local };
    expect(await findZones({ env: noArchive, workDir: tmp() })).toEqual({ zoneinfo: local, origin: local });
    const empty = tmp();
    await expect(findZones({ env: { ...noArchive, RETORT_ZONEINFO: empty }, workDir: tmp() })).rejects.toThrow(
      new RegExp(`^no time zone database: Debian's archive: .+; ${empty}: no tzdata.zi there$`),
    );
  }, 60_000);
});
