// The Web Worker entry: hosts the execution core and answers the page's calls. Kept tiny; the
// logic is in core.ts, which the Node host and the tests use without a Worker.
/// <reference lib="webworker" />
import { loadPyodide } from 'pyodide';
import type { FromWorker, RuntimeApi, RuntimeEvent, ToWorker } from '../protocol/runtime-api.ts';
import { createRuntime } from './core.ts';
import { cachingFetch, keepOnlyVersion } from './python-cache.ts';

// Pyodide fetches its own files (the wasm, the standard library) with the global fetch.
self.fetch = cachingFetch(self.fetch.bind(self));

const glue = import.meta.glob<string>('../python/retort/*.py', { query: '?raw', import: 'default', eager: true });
const pythonSources = Object.fromEntries(Object.entries(glue).map(([path, source]) => [path.split('/').pop()!, source]));

const post = (message: FromWorker): void => self.postMessage(message);

const runtime: RuntimeApi = createRuntime({
  loadPyodide: (options) => loadPyodide(options as Parameters<typeof loadPyodide>[0]),
  importAsm: (indexURL) => import(/* @vite-ignore */ `${indexURL}pyodide.asm.mjs`),
  async readBytes(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Could not download ${url}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  },
  pythonSources,
  emit: (event: RuntimeEvent) => post({ type: 'event', event }),
});

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const { id, method, args } = event.data;
  const call = runtime[method] as (...a: unknown[]) => Promise<unknown>;
  call(...args).then(
    (value) => {
      post({ type: 'result', id, value });
      if (method === 'init') void keepOnlyVersion((args[0] as { indexURL: string }).indexURL);
    },
    (error: unknown) => post({ type: 'failure', id, message: error instanceof Error ? error.message : String(error) }),
  );
});
