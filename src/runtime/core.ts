// The execution core: start-up phases, package install, and cell execution through the Python
// glue in src/python/retort. Hosted by the Web Worker in the browser and by Node for the CLI and
// tests; the host supplies how to load Pyodide and read files, and where events go.
import type { PyodideAPI } from 'pyodide';
import {
  DEFAULT_LIMITS,
  type CellResult,
  type Completions,
  type InitOptions,
  type NotebookFile,
  type RunRequest,
  type RuntimeApi,
  type RuntimeEvent,
  type RuntimeVersions,
  type StartupMark,
  type StartupPhase,
  type StreamName,
} from '../protocol/runtime-api.ts';
import { glueHash } from './glue-hash.ts';
import { openSnapshotFile } from './snapshot-file.ts';
import { unpackFiles, type PackedFile } from './site-packages.ts';

/** What a host gives the core. */
export interface RuntimeHost {
  /** Pyodide's loadPyodide, imported the way the host can. */
  loadPyodide(options: LoadOptions): Promise<PyodideAPI>;
  /** Import Pyodide's `pyodide.asm.mjs` from indexURL (needed to restore a snapshot). */
  importAsm(indexURL: string): Promise<{ default: (settings: unknown) => Promise<EmscriptenModule> }>;
  /**
   * A file, from a URL (browser) or a path (Node); a file named `*.zstd` comes decoded.
   * A file at hand (on disk, or kept in Cache Storage) comes as a Blob; a download may come as the
   * stream of its bytes, so that its beginning is used before its end arrives.
   */
  readFile(location: string): Promise<Blob | ReadableStream<Uint8Array>>;
  /** The Python glue: file name (e.g. `session.py`) to source. */
  pythonSources: Record<string, string>;
  /** Where runtime events go (postMessage in the worker, a callback in Node). */
  emit(event: RuntimeEvent): void;
  /**
   * Rejects once the host sees that Python cannot start although Pyodide would go on waiting: when
   * Pyodide 314 cannot instantiate its WebAssembly (its download failed, say), it logs the error and
   * its start never ends. The start then fails with this error.
   */
  startFailure?: Promise<never>;
}

/** What the core passes to loadPyodide; the snapshot fields are Pyodide's own, underscored, options. */
export interface LoadOptions {
  indexURL: string;
  /** Awaited by loadPyodide before it compiles the wasm, after it started fetching the wasm and the standard library. */
  _loadSnapshot?: Promise<Uint8Array>;
  createPyodideModule?: (settings: unknown) => Promise<EmscriptenModule>;
}

/** The bits of Pyodide's Emscripten module the snapshot restore needs. */
interface EmscriptenModule {
  HEAP8: Int8Array;
  FS: FileSystem;
  growMemory(size: number): unknown;
  /** The stack's low end, and its pointer now: the stack grows down, so between the two is unused. */
  _emscripten_stack_get_end(): number;
  _emscripten_stack_get_current(): number;
}

const SITE_PACKAGES = '/lib/python3.14/site-packages';
/** How long no cell must have run before work left for later starts. */
const QUIET_MS = 1000;
const GLUE_DIR = '/lib/retort';

/** Share of start-up time each phase takes, for a percent figure (measured on our machines). */
const PHASE_WEIGHTS: Record<StartupPhase, [number, number]> = {
  'load-runtime': [0, 70],
  'install-packages': [70, 80],
  import: [80, 100],
  ready: [100, 100],
};

/**
 * How much of load-runtime's range a first visit's snapshot download fills, as its bytes arrive;
 * the rest is starting Python from it. A kept snapshot is read at once: its range jumps.
 */
const DOWNLOAD_SHARE = 0.85;
/** At most one download progress event this often: a slow connection's chunks come many a second. */
const PROGRESS_EVERY_MS = 100;
const DOWNLOADING = 'Downloading Python';

const LABELS: Record<StartupPhase, string> = {
  'load-runtime': 'Loading Python',
  'install-packages': 'Installing SQLAlchemy',
  import: 'Importing SQLAlchemy',
  ready: 'Ready',
};

interface PySession {
  run(cellId: string, label: string, code: string, sink: (name: StreamName, text: string) => void): string;
  complete(code: string, offset: number): string;
  set_files(filesJson: string): void;
  reset(): void;
  warm(): boolean;
}

/** Raised for calls made after the runtime died; the client replaces it. */
export class RuntimeCrashed extends Error {
  override name = 'RuntimeCrashed';
}

/** A blocking wait for time.sleep(): Atomics.wait where shared memory exists, else a busy wait. */
function makeBlock(pyodide: PyodideAPI): (seconds: number) => void {
  const cell = typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
  return (seconds: number) => {
    const ms = Math.max(0, seconds * 1000);
    if (cell) Atomics.wait(cell, 0, 0, ms);
    else {
      const end = performance.now() + ms;
      while (performance.now() < end) {
        /* no shared memory (page not cross-origin isolated): spin; Stop then restarts the worker */
      }
    }
    pyodide.checkInterrupt();
  };
}

const bytesOf = async (file: Promise<Blob | ReadableStream<Uint8Array>>): Promise<Uint8Array> => {
  const contents = await file;
  return new Uint8Array(await (contents instanceof Blob ? contents : new Response(contents)).arrayBuffer());
};

type FileSystem = PyodideAPI['FS'];

/**
 * Packages reached only by import whose files a bundle writes when one of them is first imported,
 * not at start: the time zones are over 500 small files, about 10 ms of writing before the first
 * output, for the few notebooks that name a zone (host.write_on_import).
 */
const WRITTEN_ON_IMPORT = ['tzdata'];

/**
 * A site-packages bundle: its files need only the file system, so they can be written as soon as
 * the Emscripten module exists; those of WRITTEN_ON_IMPORT (`onImport`) are written by `writeOnImport`.
 */
type Bundle = { kind: 'files'; write(fs: FileSystem): void; onImport: string[]; writeOnImport(fs: FileSystem): void };
/** The packages, read: a bundle, or wheels, which a started Pyodide unpacks. */
type Packages = Bundle | { kind: 'wheels'; install(py: PyodideAPI): void };

function writeFiles(fs: FileSystem, files: readonly PackedFile[]): void {
  const made = new Set<string>();
  for (const { path, data } of files) {
    const full = `${SITE_PACKAGES}/${path}`;
    const dir = full.slice(0, full.lastIndexOf('/'));
    if (!made.has(dir)) fs.mkdirTree(dir);
    made.add(dir);
    fs.writeFile(full, data, { canOwn: true }); // the bundle's bytes are kept as they are: no copy
  }
}

/** Read (and decode) a site-packages bundle; the result writes its files into a file system. */
async function fetchBundle(host: RuntimeHost, location: string): Promise<Bundle> {
  const files = unpackFiles(await bytesOf(host.readFile(location)));
  const inPackage = (name: string, path: string): boolean => path.startsWith(`${name}/`);
  const onImport = WRITTEN_ON_IMPORT.filter((name) => files.some((f) => inPackage(name, f.path)));
  const later = (path: string): boolean => onImport.some((name) => inPackage(name, path));
  const [now, deferred] = [files.filter((f) => !later(f.path)), files.filter((f) => later(f.path))];
  return { kind: 'files', write: (fs) => writeFiles(fs, now), onImport, writeOnImport: (fs) => writeFiles(fs, deferred) };
}

/** Fetch (and decode) the packages while Python boots. */
async function fetchPackages(host: RuntimeHost, options: InitOptions): Promise<Packages> {
  if (options.sitePackages) return fetchBundle(host, options.sitePackages);
  const buffers = await Promise.all(options.wheels.map((w) => bytesOf(host.readFile(w))));
  return { kind: 'wheels', install: (py) => buffers.forEach((bytes) => py.unpackArchive(bytes, 'wheel', { extractDir: SITE_PACKAGES })) };
}

/**
 * Start Pyodide from a memory snapshot. The file holds Pyodide's header and the memory without its
 * zero pages (src/runtime/snapshot-file.ts): Pyodide is given the header alone, read first, so it
 * instantiates the wasm and starts Emscripten while the memory is still being read; the memory is
 * written here once both are done. Growing the memory first also avoids Pyodide issue 6254 (a
 * snapshot larger than the default heap fails with "offset is out of bounds").
 */
async function restoreSnapshot(
  host: RuntimeHost,
  indexURL: string,
  location: string,
  mark: (step: string) => void,
  meanwhile: (module: EmscriptenModule) => Promise<void>,
  downloading: (share: number) => void,
): Promise<PyodideAPI> {
  // loadPyodide is called at once, with the snapshot still being read: it starts fetching the wasm
  // and the standard library first (the worker compiles the wasm as it arrives, early-wasm.ts).
  const file = host.readFile(location).then((contents) => openSnapshotFile(contents, downloading));
  const header = file.then((snapshot) => {
    mark('snapshot header read');
    void snapshot.memory.then(() => mark('snapshot memory read'), () => {}); // a failed read is reported by createPyodideModule
    return snapshot.header;
  });
  const asm = host.importAsm(indexURL);
  void asm.then(() => mark('pyodide.asm.mjs imported'), () => {});
  for (const p of [file, header, asm]) p.catch(() => {}); // loadPyodide awaits them and rejects with their error
  return host.loadPyodide({
    indexURL,
    _loadSnapshot: header,
    async createPyodideModule(settings) {
      const [snapshot, { default: create }] = await Promise.all([file, asm]);
      mark('module creation started');
      const module = await create(settings);
      mark('module created');
      const early = meanwhile(module);
      const writeMemory = await snapshot.memory;
      const grownFrom = module.HEAP8.length;
      if (snapshot.memoryLength > grownFrom) module.growMemory(snapshot.memoryLength);
      // No wasm code runs now, so the whole stack below its pointer is unused here and in the
      // snapshot's program alike: Pyodide's 10 MB stack is most of the memory's zero pages.
      const unused = [module._emscripten_stack_get_end(), module._emscripten_stack_get_current()] as const;
      await writeMemory(new Uint8Array(module.HEAP8.buffer), { zeroFrom: grownFrom, unused });
      mark('memory written');
      await early;
      return module;
    },
  });
}

export function createRuntime(host: RuntimeHost): RuntimeApi {
  let pyodide: PyodideAPI | undefined;
  let session: PySession | undefined;
  let interrupt: Int32Array | undefined;
  let dead: string | undefined;
  let currentCell = '';
  // One sink for the whole session, so Python keeps one proxy instead of one per cell.
  const sink = (name: StreamName, text: string): void =>
    host.emit({ kind: 'stream', chunk: { cellId: currentCell, name, text } });

  // Work left for when no cell has run for a while (warming SQLAlchemy's wasm code up before the
  // first cell, the sources of modules the snapshot holds), so that it does not slow the first cells.
  let whenQuiet: (() => unknown) | undefined;
  let quietTimer: ReturnType<typeof setTimeout> | undefined;
  const quietAgain = (): void => {
    clearTimeout(quietTimer);
    if (whenQuiet)
      quietTimer = setTimeout(() => {
        const work = whenQuiet;
        whenQuiet = undefined;
        work?.();
      }, QUIET_MS);
  };

  const t0 = performance.now();
  const marks: StartupMark[] = [];
  const mark = (step: string): void => void marks.push({ step, at: performance.timeOrigin + performance.now() });
  async function phase<T>(name: StartupPhase, work: () => Promise<T>): Promise<T> {
    const [from, to] = PHASE_WEIGHTS[name];
    const began = performance.now();
    mark(`${name} started`);
    host.emit({ kind: 'progress', progress: { phase: name, label: LABELS[name], done: false, elapsedMs: began - t0, percent: from } });
    const value = await work();
    const end = performance.now();
    mark(`${name} done`);
    host.emit({
      kind: 'progress',
      progress: { phase: name, label: LABELS[name], done: true, durationMs: end - began, elapsedMs: end - t0, percent: to },
    });
    return value;
  }

  /**
   * Progress within load-runtime as the snapshot downloads ("Downloading Python"), so that a slow
   * connection does not show 0% until the whole file is in: one event per whole percent at most,
   * and not more often than PROGRESS_EVERY_MS. Once all of it has arrived, or the download is
   * given up (`over`: a damaged snapshot, and Python starts the slow way), the phase's own label
   * comes back.
   */
  function downloadProgress(): { arrived(share: number): void; over(): void } {
    const [from, to] = PHASE_WEIGHTS['load-runtime'];
    let shown = from;
    let sentAt = -Infinity;
    let downloading = false;
    let all = false;
    const send = (label: string, percent: number, now = performance.now()): void =>
      host.emit({ kind: 'progress', progress: { phase: 'load-runtime', label, done: false, elapsedMs: now - t0, percent } });
    return {
      arrived(share) {
        const percent = Math.floor(from + (to - from) * DOWNLOAD_SHARE * share);
        const now = performance.now();
        if (share >= 1 && !all) {
          [all, downloading] = [true, false];
          send(LABELS['load-runtime'], percent, now);
        }
        if (all || percent === shown || now - sentAt < PROGRESS_EVERY_MS) return;
        [shown, sentAt, downloading] = [percent, now, true];
        send(DOWNLOADING, percent, now);
      },
      over() {
        if (!downloading) return;
        downloading = false;
        send(LABELS['load-runtime'], shown);
      },
    };
  }

  function live(): { pyodide: PyodideAPI; session: PySession } {
    if (dead !== undefined) throw new RuntimeCrashed(dead);
    if (!pyodide || !session) throw new Error('The Python runtime is not started yet.');
    return { pyodide, session };
  }

  function crashed(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error);
    dead = `The Python runtime crashed: ${message.split('\n')[0]}`;
    clearTimeout(quietTimer); // a dead runtime has nothing left to warm up or install
    whenQuiet = undefined;
    host.emit({ kind: 'fatal', message: dead });
    return dead;
  }

  return {
    async init(options: InitOptions): Promise<RuntimeVersions> {
      const limits = { ...DEFAULT_LIMITS, ...options.limits };
      marks.push({ step: 'host started', at: performance.timeOrigin }, { step: 'init', at: performance.timeOrigin + performance.now() });
      // Fetch the packages while Python boots: the two do not depend on each other.
      const packages = fetchPackages(host, options);
      packages.catch(() => {}); // reported below, once Python is up
      // The bundle is written once both it is read and the Emscripten module exists, while the
      // snapshot's memory is being put in place: off the start's path. `writtenTo` is the file
      // system it went into: a module given up (a refused snapshot) takes its files with it.
      let writtenTo: FileSystem | undefined;
      const writeEarly = async (module: EmscriptenModule): Promise<void> => {
        const bundle = await packages.catch(() => undefined); // a failure is reported below
        if (bundle?.kind !== 'files') return;
        bundle.write(module.FS);
        writtenTo = module.FS;
        mark('site-packages written');
      };
      const glueNow = glueHash(host.pythonSources).catch(() => 'unknown'); // compared once Python is up
      const snapshot: { used: boolean; reason?: string; glue?: string } = { used: false, reason: 'no snapshot was provisioned' };
      const unlessFailed = <T>(start: Promise<T>): Promise<T> => (host.startFailure ? Promise.race([start, host.startFailure]) : start);
      const py = await phase('load-runtime', async () => {
        if (options.snapshot) {
          const download = downloadProgress();
          try {
            const restored = await unlessFailed(restoreSnapshot(host, options.indexURL, options.snapshot, mark, writeEarly, download.arrived));
            snapshot.used = true;
            delete snapshot.reason;
            return restored;
          } catch (error) {
            // A snapshot from another Pyodide build, or a failed download: start the slow way, into
            // a new file system.
            snapshot.reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
            download.over();
          }
        }
        return unlessFailed(host.loadPyodide({ indexURL: options.indexURL }));
      });
      pyodide = py;
      // No keyboard in any host, as for a script run with no terminal: standard input is empty, and
      // there is no /dev/tty (which Emscripten would read from Node's own stdin, or answer with EOF
      // in a browser, after writing getpass's prompt to the console where no one sees it).
      py.setStdin({ read: () => 0 });
      if (py.FS.analyzePath('/dev/tty').exists) py.FS.unlink('/dev/tty');
      if (options.interruptBuffer) {
        interrupt = new Int32Array(options.interruptBuffer);
        py.setInterruptBuffer(interrupt);
      }
      // A start from the snapshot needs only the files of modules it has not imported; the sources
      // of the others, for tracebacks, are written once Python is ready, and their compiled files
      // are never needed. A plain start needs all of them.
      const later = options.sitePackagesLater;
      await phase('install-packages', async () => {
        const found = await packages;
        if (found.kind === 'wheels') found.install(py);
        else if (writtenTo !== py.FS) found.write(py.FS);
        if (!snapshot.used) {
          // Without its compiled files (offline, say) Python compiles those modules from their sources.
          const compiled = options.sitePackagesCompiled;
          const bundles = await Promise.all([
            later ? fetchBundle(host, later) : undefined,
            compiled === undefined
              ? undefined
              : fetchBundle(host, compiled).catch((error: unknown) => {
                console.warn('Could not download the compiled SQLAlchemy modules: Python compiles them from their sources.', error);
              }),
          ]);
          for (const bundle of bundles) bundle?.write(py.FS);
        }
        py.FS.mkdirTree(`${GLUE_DIR}/retort`);
        for (const [name, source] of Object.entries(host.pythonSources)) py.FS.writeFile(`${GLUE_DIR}/retort/${name}`, source);
      });
      let importMs = 0;
      const versions = await phase('import', async () => {
        const began = performance.now();
        py.runPython('import sqlalchemy.orm'); // nearly free when the snapshot already holds it
        importMs = performance.now() - began;
        if (snapshot.used) {
          // The snapshot's Python already imported the glue as it was at provisioning; files edited
          // since then win: the stale modules are dropped and the current files imported below.
          const stale = !options.snapshotGlue
            ? 'the snapshot holds no Python glue'
            : options.snapshotGlue !== (await glueNow)
              ? 'the Python glue changed since the snapshot was taken (npm run provision takes it again)'
              : undefined;
          if (stale) {
            snapshot.glue = `${stale}; imported from its files`;
            py.runPython('import sys\n[sys.modules.pop(n) for n in list(sys.modules) if n == "retort" or n.startswith("retort.")]');
          }
        }
        py.runPython(`import sys\nif ${JSON.stringify(GLUE_DIR)} not in sys.path: sys.path.insert(0, ${JSON.stringify(GLUE_DIR)})`);
        py.pyimport('importlib').invalidate_caches();
        const glue = py.pyimport('retort.session');
        session = glue.start(JSON.stringify(limits), makeBlock(py)) as PySession;
        const bundle = await packages;
        if (bundle.kind === 'files' && bundle.onImport.length > 0) {
          const [hostModule, names] = [py.pyimport('retort.host'), py.toPy(bundle.onImport)];
          hostModule.write_on_import(names, () => bundle.writeOnImport(py.FS));
          names.destroy();
          hostModule.destroy();
        }
        const found = JSON.parse(glue.versions() as string) as Omit<RuntimeVersions, 'pyodide'>;
        glue.destroy();
        return { ...found, pyodide: py.version };
      });
      host.emit({ kind: 'progress', progress: { phase: 'ready', label: LABELS.ready, done: true, elapsedMs: performance.now() - t0, percent: 100 } });
      mark('ready');
      host.emit({ kind: 'ready', versions, startupMs: performance.now() - t0, importMs, snapshot, marks });
      whenQuiet = () => {
        try {
          live().session.warm();
        } catch (error) {
          console.warn('Warming SQLAlchemy up after the start failed (the first SQL cell will be slower):', error);
        }
        if (later && snapshot.used)
          return fetchBundle(host, later).then(
            (files) => files.write(py.FS),
            (error: unknown) => console.warn('Could not install the Python sources of SQLAlchemy (tracebacks lack their lines):', error),
          );
      };
      quietAgain();
      return versions;
    },

    async run(request: RunRequest): Promise<CellResult> {
      const { session: s } = live();
      // A Stop meant for another run (one that had ended before the signal came) must not hit this
      // one; a Stop for this run, pressed while it waited behind other work here, stands.
      if (interrupt && (request.run === undefined || interrupt[1] !== request.run)) interrupt[0] = 0;
      currentCell = request.cellId;
      clearTimeout(quietTimer);
      const started = performance.now();
      try {
        return JSON.parse(s.run(request.cellId, request.label, request.code, sink)) as CellResult;
      } catch (error) {
        // Python errors are caught in Python; anything reaching here means the interpreter died.
        const message = crashed(error);
        return {
          cellId: request.cellId,
          status: 'crashed',
          sql: [],
          durationMs: performance.now() - started,
          notices: [`${message}. A new runtime is being started; the namespace was reset.`],
        };
      } finally {
        quietAgain();
      }
    },

    async setFiles(files: NotebookFile[]): Promise<void> {
      live().session.set_files(JSON.stringify(files));
    },

    async complete(code: string, offset: number): Promise<Completions> {
      return JSON.parse(live().session.complete(code, offset)) as Completions;
    },

    async reset(): Promise<void> {
      live().session.reset();
    },
  };
}
