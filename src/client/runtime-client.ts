// The page's handle on the Python runtime: spawns the worker, calls its API, streams output,
// interrupts, restarts (from a spare runtime warmed in the background), and replaces a worker that
// crashed. UI code talks to Python only through this class.
import type {
  CellResult,
  Completions,
  FromWorker,
  NotebookFile,
  RunRequest,
  RuntimeApi,
  RuntimeEvent,
  RuntimeVersions,
  StartupProgress,
  StreamChunk,
  ToWorker,
  WorkerInitOptions,
} from '../protocol/runtime-api.ts';

export type RuntimeStatus = 'starting' | 'ready' | 'busy' | 'restarting' | 'failed';

/** Why a runtime's namespace was lost. */
export interface ResetDetail {
  /** `retry`: a start that failed or hung was given up for a new one (Start again). */
  reason: 'restart' | 'stopped' | 'crashed' | 'retry';
  message: string;
}

/** Raised into pending calls of a worker that was stopped or died. */
class RuntimeLost extends Error {
  constructor(readonly reason: ResetDetail['reason'], message: string) {
    super(message);
  }
}

type Method = keyof RuntimeApi;
type Args<M extends Method> = Parameters<RuntimeApi[M]>;
type Return<M extends Method> = Awaited<ReturnType<RuntimeApi[M]>>;

/** One worker and the calls waiting on it. */
class WorkerRuntime {
  readonly worker: Worker;
  readonly interruptBuffer: Int32Array | undefined;
  readonly ready: Promise<RuntimeVersions>;
  versions: RuntimeVersions | undefined;
  lost: RuntimeLost | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(
    createWorker: () => Worker,
    manifestURL: string,
    private readonly onEvent: (runtime: WorkerRuntime, event: RuntimeEvent) => void,
  ) {
    this.worker = createWorker();
    this.interruptBuffer =
      globalThis.crossOriginIsolated && typeof SharedArrayBuffer === 'function'
        ? new Int32Array(new SharedArrayBuffer(8)) // [signal, number of the run it stops]
        : undefined;
    this.worker.addEventListener('message', (e: MessageEvent<FromWorker>) => this.receive(e.data));
    this.worker.addEventListener('error', (e: ErrorEvent) => {
      e.preventDefault();
      this.onEvent(this, { kind: 'fatal', message: `The Python worker failed: ${e.message || 'it stopped without a message'}` });
    });
    // Sent at once: the worker reads the manifest itself, so its start waits for nothing on the page.
    const init: WorkerInitOptions = { manifestURL, interruptBuffer: this.interruptBuffer?.buffer as SharedArrayBuffer | undefined };
    this.ready = this.send<RuntimeVersions>('init', [init]).then((versions) => {
      this.versions = versions;
      return versions;
    });
    this.ready.catch(() => {}); // observed by whoever awaits it
  }

  call<M extends Method>(method: Exclude<M, 'init'>, ...args: Args<M>): Promise<Return<M>> {
    return this.send<Return<M>>(method, args);
  }

  private send<T>(method: Method, args: unknown[]): Promise<T> {
    if (this.lost) return Promise.reject(this.lost);
    const id = this.nextId++;
    const message: ToWorker = { type: 'call', id, method, args };
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage(message);
    });
  }

  private receive(message: FromWorker): void {
    if (message.type === 'event') {
      this.onEvent(this, message.event);
      return;
    }
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.type === 'result') waiting.resolve(message.value);
    else waiting.reject(new Error(message.message));
  }

  /** End the worker; every pending call is rejected with the reason. */
  end(reason: ResetDetail['reason'], message: string): void {
    this.lost ??= new RuntimeLost(reason, message);
    for (const { reject } of this.pending.values()) reject(this.lost);
    this.pending.clear();
    this.worker.terminate();
  }
}

export interface RuntimeClientOptions {
  /** Makes a worker; tests and the benchmark may pass their own. */
  createWorker?: () => Worker;
  /** Base URL the app is served from (holds pyodide/ and wheels/). */
  baseURL?: string;
  /** Warm a spare runtime once the first has been ready with no cell running this long, so Restart is instant; false for none. */
  spareAfterMs?: number | false;
  /** How long Stop waits for KeyboardInterrupt before it restarts the worker instead. */
  interruptGraceMs?: number;
  /** After this long starting with no progress reported, the start counts as slow (`slowStart`); false for never. */
  slowStartMs?: number | false;
}

/**
 * A start that has made no progress for this long is slow: the download may have stalled. A first
 * visit's download says how far it has come as it goes, so a slow connection that keeps bringing
 * bytes is not called stalled, however long it takes.
 */
const SLOW_START_MS = 60_000;

const defaultWorker = (): Worker => new Worker(new URL('../runtime/worker.ts', import.meta.url), { type: 'module' });

/**
 * The Python runtime as the page sees it. Events (CustomEvent): `progress` (StartupProgress),
 * `ready` (RuntimeVersions), `status` (RuntimeStatus), `reset` (ResetDetail), `slow` (the start
 * has made no progress for `slowStartMs`).
 */
export class RuntimeClient extends EventTarget {
  /** Where the runtime is: starting, ready, busy running a cell, restarting, or failed to start. */
  status: RuntimeStatus = 'starting';
  /** Versions of Python, SQLAlchemy, SQLite and Pyodide, once ready. */
  versions: RuntimeVersions | undefined;
  /** The latest start-up progress. */
  progress: StartupProgress | undefined;
  /** Every progress event of the current runtime's start-up, in order (for the status area and benchmarks). */
  startupLog: StartupProgress[] = [];
  /** How long `import sqlalchemy.orm` took in the current runtime, in milliseconds. */
  importMs: number | undefined;
  /** The steps of the current runtime's start, in ms on the page's clock (for benchmarks). */
  startupMarks: { step: string; ms: number }[] = [];
  /** Whether the current runtime started from the memory snapshot (and why not). */
  snapshot: { used: boolean; reason?: string } | undefined;
  /** The last start-up failure, when status is `failed`. */
  error: string | undefined;
  /** The current start has gone `slowStartMs` without progress and Python is not ready: a stalled download, say. */
  slowStart = false;

  private current: WorkerRuntime;
  private spare: WorkerRuntime | undefined;
  private spareScheduled = false;
  private files: NotebookFile[] = [];
  private running: { cellId: string; run: number; onStream: (chunk: StreamChunk) => void } | undefined;
  private runs = 0;
  private slowTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly manifestURL: string;
  private readonly options: Required<RuntimeClientOptions>;

  constructor(options: RuntimeClientOptions = {}) {
    super();
    this.options = {
      createWorker: options.createWorker ?? defaultWorker,
      baseURL: options.baseURL ?? document.baseURI,
      spareAfterMs: options.spareAfterMs ?? 4000,
      interruptGraceMs: options.interruptGraceMs ?? 2000,
      slowStartMs: options.slowStartMs ?? SLOW_START_MS,
    };
    const base = this.options.baseURL;
    this.manifestURL = new URL('wheels/manifest.json', base).href;
    this.current = this.spawn();
    this.watch(this.current);
  }

  /** True when Stop can raise KeyboardInterrupt; otherwise Stop restarts the worker. */
  get canInterrupt(): boolean {
    return this.current.interruptBuffer !== undefined;
  }

  /**
   * Resolves once the current runtime is ready. A runtime replaced while starting (Start again, a
   * crash, Restart) is waited out: the wait goes on with the one that replaced it.
   */
  async ready(): Promise<RuntimeVersions> {
    for (;;) {
      const runtime = this.current;
      try {
        return await runtime.ready;
      } catch (error) {
        if (runtime === this.current) throw error;
      }
    }
  }

  /** Run a cell; output streams to `onStream` as it is written. Callers queue cells themselves. */
  async run(request: RunRequest, onStream: (chunk: StreamChunk) => void): Promise<CellResult> {
    await this.ready();
    const runtime = this.current;
    const run = ++this.runs;
    this.running = { cellId: request.cellId, run, onStream };
    this.setStatus('busy');
    try {
      return await runtime.call('run', { ...request, run });
    } catch (error) {
      if (!(error instanceof RuntimeLost)) throw error;
      const interrupted = error.reason === 'stopped';
      return {
        cellId: request.cellId,
        status: interrupted ? 'interrupted' : 'crashed',
        sql: [],
        durationMs: 0,
        notices: [error.message],
      };
    } finally {
      this.running = undefined;
      if (this.current === runtime && !runtime.lost) this.setStatus('ready');
    }
  }

  /** Replace the notebook's module files; kept and re-sent to any later runtime. */
  async setFiles(files: NotebookFile[]): Promise<void> {
    this.files = files;
    await this.ready();
    await this.current.call('setFiles', files);
  }

  /** Completions from the live namespace; empty while Python is busy or starting. */
  async complete(code: string, offset: number): Promise<Completions> {
    if (this.status !== 'ready') return { from: offset, options: [] };
    return this.current.call('complete', code, offset);
  }

  /** Stop the running cell. */
  async interrupt(): Promise<void> {
    const stopping = this.running;
    if (!stopping) return;
    const runtime = this.current;
    if (runtime.interruptBuffer) {
      Atomics.store(runtime.interruptBuffer, 1, stopping.run); // which run: it may still be waiting in the worker
      Atomics.store(runtime.interruptBuffer, 0, 2); // SIGINT
      // A cell stuck where Python never checks for signals gets the hard stop after a grace period;
      // only that cell: one run after it, within the grace period, is left alone.
      setTimeout(() => {
        if (this.running === stopping && this.current === runtime) this.stopHard(runtime);
      }, this.options.interruptGraceMs);
      return;
    }
    this.stopHard(runtime);
  }

  /** A fresh namespace and fresh in-memory databases, without reloading the page. */
  async restart(): Promise<void> {
    this.replace('restart', 'Restarted: the namespace and the in-memory databases are fresh.');
    await this.ready();
  }

  /**
   * Give up a start that failed or is slow, and start Python again: what a person can do when the
   * status says so. Cells waiting for Python go on waiting, for the new start. Resolves once it is
   * ready; does nothing to a runtime that has started.
   */
  async startAgain(): Promise<void> {
    if (this.current.versions !== undefined) return;
    this.replace('retry', 'Starting Python again.');
    await this.ready();
  }

  private stopHard(runtime: WorkerRuntime): void {
    if (runtime !== this.current) return;
    this.replace('stopped', 'Stopped by restarting Python, so the namespace was reset.');
  }

  private spawn(): WorkerRuntime {
    return new WorkerRuntime(this.options.createWorker, this.manifestURL, (runtime, event) => this.onEvent(runtime, event));
  }

  private watch(runtime: WorkerRuntime): void {
    this.slowStart = false;
    this.error = undefined;
    this.expectProgress(runtime);
    runtime.ready.then(
      async (versions) => {
        if (runtime !== this.current) return;
        clearTimeout(this.slowTimer);
        this.slowStart = false;
        if (this.files.length > 0) await runtime.call('setFiles', this.files);
        this.versions = versions;
        this.error = undefined;
        this.setStatus('ready');
        this.dispatchEvent(new CustomEvent('ready', { detail: versions }));
        this.scheduleSpare();
      },
      (error: unknown) => {
        if (runtime !== this.current || runtime.lost) return;
        clearTimeout(this.slowTimer);
        this.slowStart = false;
        this.error = error instanceof Error ? error.message : String(error);
        this.setStatus('failed');
      },
    );
  }

  /**
   * Resolves once the runtime has been ready, with no cell running, for `ms` on end. Background work
   * (the spare runtime, the offline cache) waits for this, so that it never competes with the
   * first results a person asked for: on two cores it more than doubled the first cell's time.
   */
  quiet(ms: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const check = (): void => {
        clearTimeout(timer);
        if (this.status !== 'ready') return;
        timer = setTimeout(() => {
          this.removeEventListener('status', check);
          resolve();
        }, ms);
      };
      this.addEventListener('status', check);
      check();
    });
  }

  private scheduleSpare(): void {
    const delay = this.options.spareAfterMs;
    if (delay === false || this.spare || this.spareScheduled) return;
    this.spareScheduled = true;
    void this.quiet(delay).then(() => {
      this.spareScheduled = false;
      this.spare ??= this.spawn();
    });
  }

  /** (Re)start the wait after which a start with no progress is called slow. */
  private expectProgress(runtime: WorkerRuntime): void {
    clearTimeout(this.slowTimer);
    const slowAfter = this.options.slowStartMs;
    if (slowAfter !== false && runtime.versions === undefined)
      this.slowTimer = setTimeout(() => {
        if (runtime !== this.current || runtime.versions !== undefined || runtime.lost || this.status === 'failed') return;
        this.slowStart = true;
        this.dispatchEvent(new CustomEvent('slow'));
      }, slowAfter);
  }

  /** Swap in the spare runtime (or a new one) and announce that the namespace was reset. */
  private replace(reason: ResetDetail['reason'], message: string): void {
    this.current.end(reason, message);
    this.current = this.spare ?? this.spawn();
    this.spare = undefined;
    this.startupLog = [];
    if (this.current.versions === undefined) {
      this.setStatus(reason === 'restart' ? 'restarting' : 'starting');
    }
    this.watch(this.current);
    this.dispatchEvent(new CustomEvent<ResetDetail>('reset', { detail: { reason, message } }));
  }

  private onEvent(runtime: WorkerRuntime, event: RuntimeEvent): void {
    if (event.kind === 'fatal') {
      if (runtime === this.current) this.replace('crashed', `${event.message}. A new runtime was started; the namespace was reset.`);
      else if (runtime === this.spare) this.spare = undefined;
      return;
    }
    if (runtime !== this.current) return;
    if (event.kind === 'ready') {
      this.importMs = event.importMs;
      this.snapshot = event.snapshot;
      this.startupMarks = event.marks.map(({ step, at }) => ({ step, ms: at - performance.timeOrigin }));
    }
    if (event.kind === 'stream') {
      if (this.running && this.running.cellId === event.chunk.cellId) this.running.onStream(event.chunk);
    } else if (event.kind === 'progress') {
      if (!this.slowStart) this.expectProgress(runtime);
      this.progress = event.progress;
      this.startupLog.push(event.progress);
      this.dispatchEvent(new CustomEvent('progress', { detail: event.progress }));
    }
  }

  private setStatus(status: RuntimeStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.dispatchEvent(new CustomEvent('status', { detail: status }));
  }
}
