// A Node-hosted runtime for tests, with the stream chunks of each cell collected in order.
import { Worker } from 'node:worker_threads';
import type { CellResult, RuntimeApi, RuntimeEvent, StreamChunk } from '../../src/protocol/runtime-api.ts';
import { startNodeRuntime } from '../../src/runtime/node-host.ts';

export interface Ran extends CellResult {
  chunks: StreamChunk[];
  stdout: string;
  stderr: string;
}

export interface TestRuntime {
  api: RuntimeApi;
  events: RuntimeEvent[];
  /** The interrupt buffer given to Pyodide: writing 2 raises KeyboardInterrupt; the second word names the run a Stop is for. */
  interrupt: Int32Array;
  /** Run a cell; `run` is the page's number for it (`RunRequest.run`). */
  run(code: string, cellId?: string, run?: number): Promise<Ran>;
  /** Ask for an interrupt after `ms`, from another thread (this one is busy running Python). */
  interruptAfter(ms: number): void;
}

let counter = 0;

export async function startTestRuntime(): Promise<TestRuntime> {
  const events: RuntimeEvent[] = [];
  let chunks: StreamChunk[] = [];
  const buffer = new SharedArrayBuffer(8);
  const api = await startNodeRuntime(
    (event) => {
      events.push(event);
      if (event.kind === 'stream') chunks.push(event.chunk);
    },
    { interruptBuffer: buffer },
  );
  return {
    api,
    events,
    interrupt: new Int32Array(buffer),
    async run(code, cellId = `t${++counter}`, run) {
      chunks = [];
      const result = await api.run({ cellId, label: `cell ${cellId}`, code, run });
      const text = (name: string): string => chunks.filter((c) => c.name === name).map((c) => c.text).join('');
      return { ...result, chunks, stdout: text('stdout'), stderr: text('stderr') };
    },
    interruptAfter(ms) {
      const timer = new Worker(
        `const { workerData } = require('node:worker_threads');
         const view = new Int32Array(workerData.buffer);
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms);
         Atomics.store(view, 0, 2);`,
        { eval: true, workerData: { buffer, ms } },
      );
      timer.unref();
    },
  };
}
