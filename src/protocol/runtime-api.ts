// The one protocol between the page and the Python runtime. Imported by both threads and by the
// Node host; it must never touch the DOM (see tsconfig.worker.json, whose lib is WebWorker).

/** A file that travels with a notebook and that its cells can import (e.g. `helpers.py`). */
export interface NotebookFile {
  /** Path relative to the notebook's folder, with `/` separators, e.g. `pkg/models.py`. */
  path: string;
  /** The file's text. */
  content: string;
}

/** Named start-up phases, in the order the runtime goes through them. */
export type StartupPhase = 'load-runtime' | 'install-packages' | 'import' | 'ready';

/** One step of start-up progress, sent as each phase begins and ends. */
export interface StartupProgress {
  /** Which phase this is about. */
  phase: StartupPhase;
  /** Words for a person, e.g. "Installing SQLAlchemy". */
  label: string;
  /** True when the phase has finished. */
  done: boolean;
  /** Milliseconds the phase took, once done. */
  durationMs?: number;
  /** Milliseconds since start-up began. */
  elapsedMs: number;
  /** 0-100 for the whole start-up, where it can be estimated. */
  percent?: number;
}

/** Versions reported once the runtime is ready (`ready` events also give `startupMs`, and
 * `importMs`: how long `import sqlalchemy.orm` alone took). */
export interface RuntimeVersions {
  python: string;
  sqlalchemy: string;
  sqlite: string;
  pyodide: string;
}

/** Which output stream a chunk of text came from. */
export type StreamName = 'stdout' | 'stderr';

/** A piece of text a running cell wrote. Chunks arrive in the order they were written. */
export interface StreamChunk {
  cellId: string;
  name: StreamName;
  text: string;
}

/** One SQL statement that an engine executed while a cell ran. */
export interface SqlStatement {
  /** The SQL text as sent to the database driver. */
  sql: string;
  /** The parameters, shown the way Python shows them (`repr`); `[...]` lists for executemany. */
  params: string;
  /** True when the statement ran once per parameter set (executemany). */
  executemany: boolean;
  /** How long the driver took, in milliseconds. */
  durationMs: number;
  /** Rows changed (INSERT/UPDATE/DELETE) or fetched (SELECT); null when unknown. */
  rowCount: number | null;
  /** The engine's URL with any password hidden, e.g. `sqlite://`. */
  engine: string;
}

/** A tabular form of a displayed value (a Result, a list of Rows or of mapped objects). */
export interface TableValue {
  columns: string[];
  /** Cell texts, row by row, at most the display cap. */
  rows: string[][];
  /** How many rows the value had in all; more than `rows.length` when the table was cut. */
  totalRows: number;
}

/** The value of a cell's last expression, as Jupyter would show it. */
export interface DisplayValue {
  /** `repr()` of the value. */
  text: string;
  /** Set for tabular values. */
  table?: TableValue;
}

/** One frame of a traceback that belongs to the user's code. */
export interface ErrorFrame {
  /** The cell the frame is in; absent for a notebook file such as `helpers.py`. */
  cellId?: string;
  /** `cell 3` style label for cells, or the notebook file's path. */
  file: string;
  /** 1-based line number within the cell or file. */
  line: number;
  /** The function name, or `<module>` for top-level code. */
  name: string;
  /** The source line, stripped. */
  source: string;
}

/** An exception that ended a cell. */
export interface CellError {
  /** The exception's class name, e.g. `IntegrityError`. */
  type: string;
  /** `str()` of the exception. */
  message: string;
  /** The exception's notes (PEP 678 `add_note`), which Python prints after the message. */
  notes?: string[];
  /** The user's frames only, outermost first. */
  frames: ErrorFrame[];
  /** The traceback as text, user frames only, the way Python prints it. */
  text: string;
  /** Where the error points in the cell that ran (last user frame in that cell, or a SyntaxError's line). */
  line?: number;
  /** Column of a SyntaxError, 1-based. */
  column?: number;
}

/** How a cell's run ended. */
export type CellStatus =
  | 'ok' // ran to the end
  | 'error' // an exception escaped
  | 'interrupted' // stopped by the user (KeyboardInterrupt)
  | 'exited' // the code called sys.exit()
  | 'crashed'; // the runtime died; the client replaces it

/** What the runtime returns when a cell has finished. */
export interface CellResult {
  cellId: string;
  status: CellStatus;
  /** The last expression's value, if the cell ended in an expression that was not None. */
  display?: DisplayValue;
  error?: CellError;
  /** Every statement that any engine executed during the cell, in order. */
  sql: SqlStatement[];
  /** Wall-clock time the cell took, in milliseconds. */
  durationMs: number;
  /** The code passed to sys.exit(), when status is `exited`. */
  exitCode?: number | string | null;
  /** A line for the person, e.g. that output was cut or that sys.exit() was called. */
  notices: string[];
}

/** A request to run one cell. */
export interface RunRequest {
  /** A stable id of the cell; tracebacks and streams refer to it. */
  cellId: string;
  /** The label shown in tracebacks, e.g. `cell 3`. */
  label: string;
  code: string;
  /**
   * The page's number for this run, which a Stop names (the interrupt buffer's second word): a Stop
   * pressed while the run waited in the worker still stops it, and one meant for an earlier run does not.
   */
  run?: number;
}

/** One completion candidate. */
export interface CompletionOption {
  label: string;
  /** CodeMirror completion type: `function`, `class`, `variable`, `module`, `property`, `keyword`. */
  type: string;
  /** The value's type name, shown beside the label. */
  detail?: string;
}

/** Completions for the text before the cursor. */
export interface Completions {
  /** Offset in the code where the completed word starts. */
  from: number;
  options: CompletionOption[];
}

/** Caps that keep a runaway cell from swamping the page. */
export interface OutputLimits {
  /** Most characters of stdout+stderr forwarded per cell. */
  maxChars: number;
  /** Most lines of stdout+stderr forwarded per cell. */
  maxLines: number;
  /** Most rows in a displayed table. */
  maxTableRows: number;
}

export const DEFAULT_LIMITS: OutputLimits = {
  maxChars: 1_000_000,
  maxLines: 10_000,
  maxTableRows: 100,
};

/** Where the Python files are. */
export interface PythonFiles {
  /** Where Pyodide's core files are: a URL in the browser, a folder in Node. */
  indexURL: string;
  /** Wheels to install, as URLs (browser) or file paths (Node). */
  wheels: string[];
  /** A build's bundle of the wheels' files (src/runtime/site-packages.ts, compressed), installed instead of `wheels` when given. */
  sitePackages?: string;
  /** With `sitePackages`, the bundle of what a start from the snapshot needs only later: the sources of modules the snapshot has imported. */
  sitePackagesLater?: string;
  /** With `sitePackagesLater`, those modules' compiled files: installed only by a start without the snapshot, which imports them. */
  sitePackagesCompiled?: string;
  /** A Pyodide memory snapshot taken with SQLAlchemy imported (URL or path; the browser's host decodes a `*.zstd` one as it reads it); a plain start when absent or refused. */
  snapshot?: string;
  /** The content hash of the Python glue the snapshot holds (the manifest's `snapshot.glue`); the glue is imported afresh when it differs from the glue given now. */
  snapshotGlue?: string;
}

/** Options for starting the runtime. */
export interface InitOptions extends PythonFiles {
  /**
   * An 8-byte SharedArrayBuffer (two 32-bit words) for Stop: the page writes the number of the run
   * to stop (`RunRequest.run`) into the second word, then 2 into the first. Needs cross-origin isolation.
   */
  interruptBuffer?: SharedArrayBuffer;
  limits?: Partial<OutputLimits>;
}

/** `init`'s argument as the page sends it to the worker, which reads where the files are from the site's manifest itself. */
export interface WorkerInitOptions extends Omit<InitOptions, keyof PythonFiles> {
  /** `<site>/wheels/manifest.json`. */
  manifestURL: string;
}

/** Events the runtime sends without being asked. */
export type RuntimeEvent =
  | { kind: 'progress'; progress: StartupProgress }
  | {
      kind: 'ready';
      versions: RuntimeVersions;
      startupMs: number;
      importMs: number;
      /**
       * Whether start-up restored the memory snapshot, and why not when it did not; `glue` says why
       * the Python glue was imported from its files instead of taken from a restored snapshot.
       */
      snapshot: { used: boolean; reason?: string; glue?: string };
      /**
       * Steps of the start, each at its wall-clock time (`performance.timeOrigin + now()`, ms) so
       * that the page can place them on its own clock: for finding where start-up time goes.
       */
      marks: StartupMark[];
    }
  | { kind: 'stream'; chunk: StreamChunk }
  | { kind: 'fatal'; message: string };

/** One step of a runtime's start (see the `ready` event). */
export interface StartupMark {
  step: string;
  /** Wall-clock milliseconds: `performance.timeOrigin + performance.now()` where it happened. */
  at: number;
}

/** What the page can ask the runtime to do. Both hosts (worker, Node) implement it. */
export interface RuntimeApi {
  /** Load Pyodide, install the wheels, import SQLAlchemy; resolves with the versions. */
  init(options: InitOptions): Promise<RuntimeVersions>;
  /** Run one cell in the notebook's shared `__main__` namespace. */
  run(request: RunRequest): Promise<CellResult>;
  /** Replace the notebook's extra module files (e.g. `helpers.py`). */
  setFiles(files: NotebookFile[]): Promise<void>;
  /** Completions from the live namespace for `code` with the cursor at `offset`. */
  complete(code: string, offset: number): Promise<Completions>;
  /** A fresh namespace and forgotten notebook modules, without reloading Python. */
  reset(): Promise<void>;
}

/** Messages from the page to the worker. */
export type ToWorker = {
  type: 'call';
  id: number;
  method: keyof RuntimeApi;
  args: unknown[];
};

/** Messages from the worker to the page. */
export type FromWorker =
  | { type: 'result'; id: number; value: unknown }
  | { type: 'failure'; id: number; message: string }
  | { type: 'event'; event: RuntimeEvent };
