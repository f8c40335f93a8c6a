// The IANA time zone database for Python's zoneinfo, which Pyodide leaves out: without it
// `ZoneInfo("Europe/Paris")` fails. Debian's `tzdata` package holds the compiled zones
// (/usr/share/zoneinfo); they become a wheel in the layout of PyPI's `tzdata`, which zoneinfo
// reads when the system has no zone folder, as in Pyodide. Optional: when no zones can be had,
// provisioning goes on without them and says so.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { downloadDebianPackages } from './debian-archive.mjs';

/** The compiled zones' magic: a file without it (a table, a symlink to /etc/localtime) is no zone. */
const TZIF = Buffer.from('TZif');

/**
 * Copy each zone of `zoneinfo` into `to` under its key (`Europe/Paris`), following symlinks
 * (`UTC` links to `Etc/UTC`) so that every key is a file of its own; returns the keys, sorted.
 * The `posix/` and `right/` copies of some packagings are left out: zoneinfo never reads them.
 */
export function copyZones(zoneinfo, to) {
  const keys = [];
  const walk = (dir, prefix) => {
    for (const name of readdirSync(dir).sort()) {
      const key = prefix ? `${prefix}/${name}` : name;
      if (!prefix && (name === 'posix' || name === 'right')) continue;
      const path = join(dir, name);
      let stat;
      try {
        stat = statSync(path); // follows a symlink; a dangling one throws
      } catch {
        continue;
      }
      if (stat.isDirectory()) walk(path, key);
      else if (stat.isFile()) {
        const bytes = readFileSync(path);
        if (!bytes.subarray(0, 4).equals(TZIF)) continue;
        mkdirSync(join(to, prefix), { recursive: true });
        writeFileSync(join(to, key), bytes);
        keys.push(key);
      }
    }
  };
  walk(zoneinfo, '');
  return keys.sort();
}

/** The IANA release of a zone folder (`2026f`), from its `tzdata.zi`, if it has one. */
export function ianaVersion(zoneinfo) {
  const zi = join(zoneinfo, 'tzdata.zi');
  if (!existsSync(zi)) return undefined;
  return /^# version (\d{4}[a-z])\s*$/m.exec(readFileSync(zi, 'utf8').slice(0, 200))?.[1];
}

/** PyPI's tzdata numbers `2026f` as 2026.6: the year, then the letter's place in the alphabet. */
export function wheelVersion(iana) {
  const m = /^(\d{4})([a-z])$/.exec(iana);
  if (!m) throw new Error(`not an IANA release name: ${iana}`);
  return `${m[1]}.${m[2].charCodeAt(0) - 96}`;
}

/**
 * The zone folder to use: Debian's `tzdata` from the archive, else this machine's own. Returns the
 * folder and where it came from, or throws with both reasons.
 */
export async function findZones({ env, workDir }) {
  let archiveError;
  try {
    const [deb] = await downloadDebianPackages(['tzdata'], { env, workDir });
    const zoneinfo = join(deb.root, 'usr/share/zoneinfo');
    if (ianaVersion(zoneinfo)) return { zoneinfo, origin: `Debian tzdata ${deb.version} (${deb.uri})` };
    archiveError = 'its package has no tzdata.zi';
  } catch (error) {
    archiveError = error.message;
  }
  const local = env.RETORT_ZONEINFO ?? '/usr/share/zoneinfo';
  if (ianaVersion(local)) return { zoneinfo: local, origin: local };
  throw new Error(`no time zone database: Debian's archive: ${archiveError}; ${local}: no tzdata.zi there`);
}
