// Background work waits for a quiet runtime: the spare runtime (and, in main.ts, the offline
// cache) starts only once no cell has run for a while, so it never slows the first results.
// The worker is a stand-in that answers the client's calls; the clock is vitest's.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RuntimeClient } from '../../src/client/runtime-client.ts';
import type { FromWorker, ToWorker } from '../../src/protocol/runtime-api.ts';

const VERSIONS = { python: '3.14', sqlalchemy: '2.0', sqlite: '3', pyodide: '0.29' };

/** A worker that is ready at once; a cell whose code is a number runs that many ms of the fake clock. */
function fakeWorker(): Worker {
  const target = new EventTarget();
  const answer = (message: FromWorker): void => void target.dispatchEvent(new MessageEvent('message', { data: message }));
  return Object.assign(target, {
    postMessage({ id, method, args }: ToWorker) {
      if (method === 'init') queueMicrotask(() => answer({ type: 'result', id, value: VERSIONS }));
      else if (method === 'run') {
        const [request] = args as [{ cellId: string; code: string }];
        const runMs = Number(request.code);
        setTimeout(() => answer({ type: 'result', id, value: { cellId: request.cellId, status: 'ok', sql: [], durationMs: runMs } }), runMs);
      } else queueMicrotask(() => answer({ type: 'result', id, value: undefined }));
    },
    terminate() {},
  }) as unknown as Worker;
}

describe('a quiet runtime', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('is quiet only once no cell has run for the given time, and the spare waits for that', async () => {
    const made: Worker[] = [];
    const client = new RuntimeClient({
      baseURL: 'http://localhost/',
      spareAfterMs: 1000,
      createWorker: () => {
        made.push(fakeWorker());
        return made.at(-1)!;
      },
    });
    await client.ready();
    let quiet = false;
    void client.quiet(1000).then(() => (quiet = true));
    // Cells back to back for 3 s: never a second without one running.
    for (let i = 0; i < 6; i++) {
      const result = client.run({ cellId: `c${i}`, label: `cell ${i}`, code: '300' }, () => {});
      await vi.advanceTimersByTimeAsync(300);
      await result;
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(quiet).toBe(false);
    // One cell that runs for 2.5 s is no quiet either.
    const long = client.run({ cellId: 'long', label: 'cell 7', code: '2500' }, () => {});
    await vi.advanceTimersByTimeAsync(2500);
    await long;
    expect(quiet).toBe(false);
    expect(made).toHaveLength(1); // no spare yet
    await vi.advanceTimersByTimeAsync(1000);
    expect(quiet).toBe(true);
    expect(made).toHaveLength(2); // the spare, now that nothing runs
  });

  it('counts its quiet from the moment it is ready', async () => {
    const client = new RuntimeClient({ baseURL: 'http://localhost/', spareAfterMs: false, createWorker: () => fakeWorker() });
    let quiet = false;
    void client.quiet(500).then(() => (quiet = true));
    expect(client.status).toBe('starting');
    await vi.advanceTimersByTimeAsync(400);
    expect(quiet).toBe(false); // ready came at once; 500 ms of quiet have not passed since
    await vi.advanceTimersByTimeAsync(100);
    expect(quiet).toBe(true);
  });
});
