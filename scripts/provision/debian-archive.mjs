// Read one Debian suite with apt without touching the system's own lists: apt-get gets its own
// source list, state and cache folders, and `apt-get download` checks the files against the
// suite's signed index.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KEYRING = '/usr/share/keyrings/debian-archive-keyring.gpg';

/** The first Debian mirror URI in the machine's apt sources, or deb.debian.org. */
export function systemMirror() {
  const files = [];
  if (existsSync('/etc/apt/sources.list')) files.push('/etc/apt/sources.list');
  if (existsSync('/etc/apt/sources.list.d'))
    for (const f of readdirSync('/etc/apt/sources.list.d')) if (/\.(list|sources)$/.test(f)) files.push(join('/etc/apt/sources.list.d', f));
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const m = /^\s*URIs:\s*(\S+\/debian)\/?\s*$/m.exec(text) ?? /^\s*deb\s+(?:\[[^\]]*\]\s+)?(\S+\/debian)\/?\s/m.exec(text);
    if (m) return m[1];
  }
  return 'http://deb.debian.org/debian';
}

/** Run a tool; `what` names the step in the error, with the tool's last error lines. */
function run(what, cmd, args, cwd) {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const lines = `${error.stdout ?? ''}\n${error.stderr ?? error.message ?? ''}`.trim().split('\n');
    const detail = (lines.filter((l) => /^(E:|Err:)/.test(l)).length ? lines.filter((l) => /^(E:|Err:)/.test(l)) : lines).slice(-2).join(' / ');
    throw new Error(`${what} failed: ${detail}`);
  }
}

/**
 * Download Debian packages from `suite` and unpack them.
 * Returns, per package: name, version, upstreamVersion, uri, the unpacked root and its dist-packages.
 */
export async function downloadDebianPackages(names, { env, workDir, suite = env.RETORT_DEBIAN_SUITE ?? 'unstable' }) {
  for (const tool of ['apt-get', 'dpkg-deb']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      throw new Error(`${tool} is not on this machine (it is not Debian-like)`);
    }
  }
  if (!existsSync(KEYRING)) throw new Error(`${KEYRING} is missing (install debian-archive-keyring)`);
  const mirror = env.RETORT_DEBIAN_MIRROR ?? systemMirror();
  const apt = join(workDir, 'apt');
  for (const d of ['lists/partial', 'cache/archives/partial', 'etc']) mkdirSync(join(apt, d), { recursive: true });
  writeFileSync(join(apt, 'etc/sources.list'), `deb [signed-by=${KEYRING}] ${mirror} ${suite} main\n`);
  const options = [
    `-o`, `Dir::Etc::SourceList=${join(apt, 'etc/sources.list')}`,
    `-o`, `Dir::Etc::SourceParts=/dev/null`,
    `-o`, `Dir::State::Lists=${join(apt, 'lists')}`,
    `-o`, `Dir::Cache=${join(apt, 'cache')}`,
    `-o`, `Dir::State::status=/dev/null`,
    `-o`, `Debug::NoLocking=1`,
    // As root, apt hands downloads to the _apt user, who cannot write into our folder.
    ...(process.getuid?.() === 0 ? [`-o`, `APT::Sandbox::User=root`] : []),
    `-o`, `Acquire::Retries=2`,
    `-q`,
  ];
  // apt-get update exits 0 even when it could not fetch the index; its "Err:" lines say so.
  const update = run(`apt-get update (${mirror} ${suite})`, 'apt-get', [...options, 'update'], apt);
  const updateLines = update.split('\n');
  const failed = updateLines.findIndex((l) => l.startsWith('Err:'));
  if (failed !== -1) {
    const why = (updateLines[failed + 1] ?? '').trim() || updateLines[failed];
    throw new Error(`apt-get update could not read ${mirror} ${suite}: ${why}`);
  }
  run(`apt-get download ${names.join(' ')}`, 'apt-get', [...options, 'download', ...names], apt);
  const debs = readdirSync(apt).filter((f) => f.endsWith('.deb'));
  return names.map((name) => {
    const deb = debs.find((f) => f.startsWith(`${name}_`));
    if (!deb) throw new Error(`apt-get download gave no ${name}`);
    const version = decodeURIComponent(deb.split('_')[1] ?? '');
    const root = join(workDir, `unpacked-${name}`);
    mkdirSync(root, { recursive: true });
    run(`dpkg-deb -x ${deb}`, 'dpkg-deb', ['-x', join(apt, deb), root], apt);
    return {
      name,
      version,
      upstreamVersion: version.replace(/^\d+:/, '').replace(/[+~-].*$/, ''),
      uri: `${mirror} ${suite}`,
      root,
      sitePackages: join(root, 'usr/lib/python3/dist-packages'),
    };
  });
}
