// The Web Worker entry: hosts the execution core and answers the page's calls. Kept tiny; the
// logic is in core.ts, which the Node host and the tests use without a Worker.
/// <reference lib="webworker" />
import { loadPyodide } from 'pyodide';
import type { FromWorker, InitOptions, RuntimeApi, RuntimeEvent, ToWorker, WorkerInitOptions } from '../protocol/runtime-api.ts';
import { createRuntime } from './core.ts';
import builtManifest from 'virtual:retort/python-manifest';
import { filesOf, readManifest } from './manifest.ts';
import { compilingFetch, earlyInstantiateStreaming } from './early-wasm.ts';
import { cachingFetch, keepOnlyVersion, notingFailures, quietlyMissing, wasKept } from './python-cache.ts';

// Pyodide fetches its own files (the wasm, the standard library) with the global fetch: they come
// from Cache Storage when kept there, and the wasm compiles while the memory snapshot is read.
const downloads = notingFailures(self.fetch.bind(self));
const fetchKept = cachingFetch(downloads.fetch);
self.fetch = compilingFetch(fetchKept);
let wasmFailed: (error: unknown) => void = () => {};
const startFailure = new Promise<never>((_, reject) => (wasmFailed = reject));
startFailure.catch(() => {}); // seen by the start that races it
WebAssembly.instantiateStreaming = earlyInstantiateStreaming(WebAssembly.instantiateStreaming.bind(WebAssembly), fetchKept, wasmFailed);

const glue = import.meta.glob<string>('../python/retort/*.py', { query: '?raw', import: 'default', eager: true });
const pythonSources = Object.fromEntries(Object.entries(glue).map(([path, source]) => [path.split('/').pop()!, source]));

const post = (message: FromWorker): void => self.postMessage(message);

const runtime: RuntimeApi = createRuntime({
  loadPyodide: (options) => loadPyodide(options as Parameters<typeof loadPyodide>[0]),
  importAsm: (indexURL) => import(/* @vite-ignore */ `${indexURL}pyodide.asm.mjs`),
  async readFile(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Could not download ${url}: HTTP ${response.status}`);
    // A kept file as a Blob: it reads in one piece, about twice as fast as `response.arrayBuffer()`,
    // which streams it (120 against 230 ms for the snapshot), and parts of it can be read first
    // (the snapshot's header). A download as its stream: the snapshot's header is used when it
    // arrives, not after the whole file (a Blob of a download exists only once all of it is in).
    return wasKept(response) || !response.body ? response.blob() : response.body;
  },
  pythonSources,
  emit: (event: RuntimeEvent) => post({ type: 'event', event }),
  startFailure,
});

/** The page's `init` names the manifest; the core is given the files it names. A build told this worker already. */
async function initOptions({ manifestURL, ...rest }: WorkerInitOptions): Promise<InitOptions> {
  const files = builtManifest ? filesOf(builtManifest, manifestURL) : await readManifest(manifestURL, fetch);
  return { ...files, ...rest };
}

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const { id, method, args } = event.data;
  const answer =
    method === 'init'
      ? initOptions(args[0] as WorkerInitOptions).then(async (options) => {
          try {
            const versions = await runtime.init(options);
            if (quietlyMissing(downloads.failures()).length > 0) throw new Error('Python started without its standard library');
            void keepOnlyVersion(options.indexURL); // this version's files are in use: earlier ones can go
            return versions;
          } catch (error) {
            // A file that could not be downloaded explains the failure better than what came of it.
            const failed = downloads.failures();
            if (failed.length > 0) throw new Error(`could not download ${failed.join(', ')}`, { cause: error });
            throw error;
          }
        })
      : (runtime[method] as (...a: unknown[]) => Promise<unknown>)(...args);
  answer.then(
    (value) => post({ type: 'result', id, value }),
    (error: unknown) => post({ type: 'failure', id, message: error instanceof Error ? error.message : String(error) }),
  );
});
