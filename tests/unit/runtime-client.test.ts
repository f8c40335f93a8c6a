// The page's RuntimeClient against a stand-in worker that answers its calls, on vitest's clock:
// background work waits for a quiet runtime (the spare runtime, and in main.ts the offline cache,
// start only once no cell has run for a while), and Stop hard-stops only the cell it was for.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RuntimeClient } from '../../src/client/runtime-client.ts';
import type { FromWorker, ToWorker, WorkerInitOptions } from '../../src/protocol/runtime-api.ts';

const VERSIONS = { python: '3.14', sqlalchemy: '2.0', sqlite: '3', pyodide: '0.29' };

/**
 * A worker that is ready at once. A cell whose code is a number runs that many ms of the fake
 * clock; `loop` runs until the interrupt buffer says SIGINT, as Python does; `deaf` never ends.
 */
function fakeWorker(): Worker {
  const target = new EventTarget();
  const answer = (message: FromWorker): void => void target.dispatchEvent(new MessageEvent('message', { data: message }));
  let interrupt: Int32Array | undefined;
  return Object.assign(target, {
    postMessage({ id, method, args }: ToWorker) {
      if (method === 'init') {
        const buffer = (args[0] as WorkerInitOptions).interruptBuffer;
        interrupt = buffer && new Int32Array(buffer);
        queueMicrotask(() => answer({ type: 'result', id, value: VERSIONS }));
      } else if (method === 'run') {
        const [request] = args as [{ cellId: string; code: string }];
        const done = (status: string, durationMs = 0): void => answer({ type: 'result', id, value: { cellId: request.cellId, status, sql: [], durationMs } });
        if (request.code === 'loop') {
          const poll = setInterval(() => {
            if (interrupt?.[0] !== 2) return;
            interrupt[0] = 0;
            clearInterval(poll);
            done('error'); // KeyboardInterrupt
          }, 10);
        } else if (request.code !== 'deaf') setTimeout(() => done('ok', Number(request.code)), Number(request.code));
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

describe('Stop', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('crossOriginIsolated', true); // Stop then interrupts instead of restarting at once
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  function client(made: Worker[]): RuntimeClient {
    return new RuntimeClient({
      baseURL: 'http://localhost/',
      spareAfterMs: false,
      interruptGraceMs: 2000,
      createWorker: () => {
        made.push(fakeWorker());
        return made.at(-1)!;
      },
    });
  }

  it('leaves alone a cell run right after the one it stopped, within the grace period', async () => {
    const made: Worker[] = [];
    const rt = client(made);
    await rt.ready();
    expect(rt.canInterrupt).toBe(true);
    const loop = rt.run({ cellId: 'loop', label: 'cell 1', code: 'loop' }, () => {});
    await vi.advanceTimersByTimeAsync(100);
    await rt.interrupt();
    await vi.advanceTimersByTimeAsync(20);
    expect((await loop).status).toBe('error');
    // The next cell starts at once and runs for 3 s, past the 2 s grace period of the Stop.
    const next = rt.run({ cellId: 'next', label: 'cell 2', code: '3000' }, () => {});
    await vi.advanceTimersByTimeAsync(3000);
    expect((await next).status).toBe('ok');
    expect(made).toHaveLength(1); // Python was not restarted
  });

  it('restarts Python when the cell ignores the interrupt for the grace period', async () => {
    const made: Worker[] = [];
    const rt = client(made);
    await rt.ready();
    const deaf = rt.run({ cellId: 'deaf', label: 'cell 1', code: 'deaf' }, () => {});
    await vi.advanceTimersByTimeAsync(100);
    await rt.interrupt();
    await vi.advanceTimersByTimeAsync(1900);
    expect(made).toHaveLength(1); // still within the grace period
    await vi.advanceTimersByTimeAsync(100);
    expect((await deaf).status).toBe('interrupted');
    expect(made).toHaveLength(2);
  });
});
