// Where the Python wheels can come from. Each source returns the wheels it found in `workDir`,
// or throws an Error whose message says why it could not.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { downloadDebianPackages } from './debian-archive.mjs';

/** The packages the app needs, with the versions it accepts. */
export const REQUIRED = [
  { name: 'sqlalchemy', lockName: 'sqlalchemy', debian: 'python3-sqlalchemy', min: '2.0.41', below: '2.1', top: ['sqlalchemy'], requires: ['typing-extensions>=4.6.0'] },
  { name: 'typing_extensions', lockName: 'typing-extensions', debian: 'python3-typing-extensions', min: '4.6.0', below: '5', top: ['typing_extensions'], requires: [] },
];

export function sha256(buffer) {
  return createHash('sha256').update(buffer).digest('hex');
}

function parseVersion(v) {
  return v.split(/[.+-]/).map((p) => Number.parseInt(p, 10)).filter((n) => !Number.isNaN(n));
}

export function compareVersions(a, b) {
  const x = parseVersion(a);
  const y = parseVersion(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

export function versionFits(pkg, version) {
  return compareVersions(version, pkg.min) >= 0 && compareVersions(version, pkg.below) < 0;
}

/** The version in a wheel's file name, `name-version-...whl`. */
export function wheelVersion(fileName) {
  return fileName.split('-')[1] ?? '';
}

function normalise(name) {
  return name.toLowerCase().replace(/[-_.]+/g, '_');
}

/** Source 1: a folder of wheels the user names (RETORT_WHEELS_DIR), for air-gapped machines. */
export async function fromWheelFolder({ env, workDir }) {
  const dir = env.RETORT_WHEELS_DIR;
  if (!dir) throw new Error('RETORT_WHEELS_DIR is not set');
  if (!existsSync(dir)) throw new Error(`RETORT_WHEELS_DIR=${dir} does not exist`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.whl'));
  return REQUIRED.map((pkg) => {
    const matches = files
      .filter((f) => normalise(f.split('-')[0] ?? '') === normalise(pkg.name) && versionFits(pkg, wheelVersion(f)))
      .sort((a, b) => compareVersions(wheelVersion(b), wheelVersion(a)));
    const file = matches[0];
    if (!file) throw new Error(`${dir} has no ${pkg.name} wheel with version >=${pkg.min},<${pkg.below}`);
    copyFileSync(join(dir, file), join(workDir, file));
    return { name: pkg.name, version: wheelVersion(file), file, origin: join(dir, file) };
  });
}

async function fetchWithTimeout(url, timeoutMs) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, { signal: controller.signal });
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
    return Buffer.from(await response.arrayBuffer());
  } catch (error) {
    const reason = error.name === 'AbortError' ? `no answer within ${timeoutMs / 1000} s` : (error.cause?.code ?? error.message);
    throw new Error(`could not download ${url}: ${reason}`);
  } finally {
    clearTimeout(timer);
  }
}

/** Source 2: Pyodide's own prebuilt packages for this Pyodide version, checked against its lock file. */
export async function fromPyodidePackages({ env, workDir, pyodideDir, pyodideVersion }) {
  const base = env.RETORT_PYODIDE_PACKAGES_URL ?? `https://cdn.jsdelivr.net/pyodide/v${pyodideVersion}/full/`;
  const lock = JSON.parse(readFileSync(join(pyodideDir, 'pyodide-lock.json'), 'utf8'));
  const out = [];
  for (const pkg of REQUIRED) {
    const entry = lock.packages?.[pkg.lockName];
    if (!entry) throw new Error(`pyodide-lock.json names no ${pkg.lockName}`);
    if (!versionFits(pkg, entry.version)) throw new Error(`pyodide-lock.json has ${pkg.name} ${entry.version}, outside >=${pkg.min},<${pkg.below}`);
    const url = new URL(entry.file_name, base.endsWith('/') ? base : `${base}/`).href;
    const data = await fetchWithTimeout(url, Number(env.RETORT_DOWNLOAD_TIMEOUT_MS ?? 20000));
    const digest = sha256(data);
    if (digest !== entry.sha256) throw new Error(`${entry.file_name}: sha256 ${digest} does not match the lock file's ${entry.sha256}`);
    writeFileSync(join(workDir, entry.file_name), data);
    out.push({ name: pkg.name, version: entry.version, file: entry.file_name, origin: url });
  }
  return out;
}

/** Source 3: Debian's archive through apt (a suite with SQLAlchemy >= 2.0.41), repacked as wheels. */
export async function fromDebianArchive({ env, workDir, getPython }) {
  const packages = await downloadDebianPackages(
    REQUIRED.map((p) => p.debian),
    { env, workDir },
  );
  const out = [];
  for (const pkg of REQUIRED) {
    const deb = packages.find((p) => p.name === pkg.debian);
    if (!deb) throw new Error(`apt did not download ${pkg.debian}`);
    if (!versionFits(pkg, deb.upstreamVersion))
      throw new Error(`Debian's ${pkg.debian} is ${deb.version}, outside >=${pkg.min},<${pkg.below}`);
    const python = await getPython();
    const wheel = await python.repackDebian(deb.sitePackages, pkg.name, deb.upstreamVersion, pkg.top, pkg.requires, workDir);
    out.push({ name: pkg.name, version: deb.upstreamVersion, file: wheel, origin: `${deb.uri} (${deb.name} ${deb.version})` });
  }
  return out;
}

export const SOURCES = [
  { id: 'wheel-folder', describe: 'a folder of wheels named by RETORT_WHEELS_DIR', fetch: fromWheelFolder, fix: 'set RETORT_WHEELS_DIR to a folder holding sqlalchemy-2.0.x and typing_extensions wheels' },
  { id: 'pyodide-packages', describe: "Pyodide's package files for this Pyodide version", fetch: fromPyodidePackages, fix: 'allow downloads from cdn.jsdelivr.net, or set RETORT_PYODIDE_PACKAGES_URL to a mirror of Pyodide\'s packages' },
  { id: 'debian-archive', describe: "Debian's archive through apt (suite unstable)", fetch: fromDebianArchive, fix: 'allow apt to reach a Debian mirror (RETORT_DEBIAN_MIRROR sets one), or use one of the other sources' },
];
