// The runtime as the UI sees it, shared with every element through @lit/context.
// Declared structurally so the elements depend on what they use, not on the client's internals;
// src/client's RuntimeClient satisfies it.
import { createContext } from '@lit/context';
import type {
  CellResult,
  Completions,
  NotebookFile,
  RunRequest,
  RuntimeVersions,
  StartupProgress,
  StreamChunk,
} from '../protocol/runtime-api.ts';

/** Where the runtime is in its life. */
export type RuntimeStatus = 'starting' | 'ready' | 'busy' | 'restarting' | 'failed';

/** The main-thread runtime client's public surface. */
export interface Runtime extends EventTarget {
  readonly status: RuntimeStatus;
  readonly versions: RuntimeVersions | undefined;
  readonly progress: StartupProgress | undefined;
  /** True when Stop raises KeyboardInterrupt; otherwise Stop replaces the worker. */
  readonly canInterrupt: boolean;
  /** Why the start failed, when status is `failed`. */
  readonly error: string | undefined;
  /** The start has made no progress for a minute, and Python is not ready. */
  readonly slowStart: boolean;
  ready(): Promise<RuntimeVersions>;
  run(request: RunRequest, onStream: (chunk: StreamChunk) => void): Promise<CellResult>;
  setFiles(files: NotebookFile[]): Promise<void>;
  complete(code: string, offset: number): Promise<Completions>;
  interrupt(): Promise<void>;
  restart(): Promise<void>;
  /** Give up a start that failed or is slow and start again. */
  startAgain(): Promise<void>;
}

/** The one runtime of the page. */
export const runtimeContext = createContext<Runtime | undefined>(Symbol('retort-runtime'));
