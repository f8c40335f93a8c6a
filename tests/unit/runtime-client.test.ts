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
function fakeWorker(start: 'ready' | 'silent' | 'fails' | 'downloading' = 'ready'): Worker {
  const target = new EventTarget();
  const answer = (message: FromWorker): void => void target.dispatchEvent(new MessageEvent('message', { data: message }));
  let interrupt: Int32Array | undefined;
  return Object.assign(target, {
    postMessage({ id, method, args }: ToWorker) {
      if (method === 'init' && start === 'fails') queueMicrotask(() => answer({ type: 'failure', id, message: 'Could not download pyodide.asm.wasm: HTTP 503' }));
      else if (method === 'init' && start === 'silent') return; // a download that stalled
      else if (method === 'init' && start === 'downloading') {
        // A slow download: 1% every 20 s for 160 s, then it stalls.
        for (let n = 1; n <= 8; n++)
          setTimeout(() => {
            const progress = { phase: 'load-runtime' as const, label: 'Downloading Python', done: false, elapsedMs: n * 20_000, percent: n };
            answer({ type: 'event', event: { kind: 'progress', progress } });
          }, n * 20_000);
      }
      else if (method === 'init') {
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
    terminate() {
      terminated.add(target);
    },
  }) as unknown as Worker;
}

const terminated = new WeakSet<EventTarget>();

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

  it('names the run it stops, so that the worker can tell a Stop for a waiting cell from a late one for a finished cell', async () => {
    const sent: { cellId: string; run?: number }[] = [];
    let buffer: Int32Array | undefined;
    const rt = new RuntimeClient({
      baseURL: 'http://localhost/',
      spareAfterMs: false,
      createWorker: () => {
        const worker = fakeWorker();
        const post = worker.postMessage.bind(worker);
        worker.postMessage = (message: ToWorker) => {
          if (message.method === 'init') buffer = new Int32Array((message.args[0] as WorkerInitOptions).interruptBuffer!);
          if (message.method === 'run') sent.push(message.args[0] as { cellId: string; run?: number });
          post(message);
        };
        return worker;
      },
    });
    await rt.ready();
    expect(buffer).toHaveLength(2);
    const first = rt.run({ cellId: 'first', label: 'cell 1', code: '10' }, () => {});
    await vi.advanceTimersByTimeAsync(10);
    await first;
    const loop = rt.run({ cellId: 'loop', label: 'cell 2', code: 'loop' }, () => {});
    await vi.advanceTimersByTimeAsync(100);
    await rt.interrupt();
    expect(sent.map((r) => r.cellId)).toEqual(['first', 'loop']);
    expect(sent[1]!.run).toBe(sent[0]!.run! + 1);
    expect(buffer![1]).toBe(sent[1]!.run); // the Stop names the loop's run
    await vi.advanceTimersByTimeAsync(20);
    expect((await loop).status).toBe('error');
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

describe('a start that fails or hangs', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  /** A client whose workers start as `starts` says, one after another (the last one repeats). */
  function client(starts: ('ready' | 'silent' | 'fails' | 'downloading')[], made: Worker[] = []): RuntimeClient {
    return new RuntimeClient({
      baseURL: 'http://localhost/',
      spareAfterMs: false,
      slowStartMs: 60_000,
      createWorker: () => {
        made.push(fakeWorker(starts[Math.min(made.length, starts.length - 1)]));
        return made.at(-1)!;
      },
    });
  }

  it('says a start is slow after a minute without Python, and starting again carries queued cells over', async () => {
    const made: Worker[] = [];
    const rt = client(['silent', 'ready'], made);
    let slowEvents = 0;
    rt.addEventListener('slow', () => slowEvents++);
    // A cell asked for while Python starts waits for it.
    const queued = rt.run({ cellId: 'c1', label: 'cell 1', code: '10' }, () => {});
    await vi.advanceTimersByTimeAsync(59_999);
    expect(rt.slowStart).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(rt.slowStart).toBe(true);
    expect(slowEvents).toBe(1);
    expect(rt.status).toBe('starting');
    const resets: string[] = [];
    rt.addEventListener('reset', (e) => resets.push((e as CustomEvent<{ reason: string }>).detail.reason));
    const again = rt.startAgain();
    expect(terminated.has(made[0]!)).toBe(true); // the stalled start is given up
    expect(made).toHaveLength(2);
    expect(rt.slowStart).toBe(false);
    await again;
    expect(resets).toEqual(['retry']);
    expect(rt.status).toBe('busy'); // the queued cell runs in the new runtime at once
    await vi.advanceTimersByTimeAsync(10);
    expect((await queued).status).toBe('ok');
    expect(rt.status).toBe('ready');
  });

  it('is not slow while a download keeps coming in, however long it takes, and is once it stops for a minute', async () => {
    const rt = client(['downloading']);
    let slowEvents = 0;
    rt.addEventListener('slow', () => slowEvents++);
    await vi.advanceTimersByTimeAsync(160_000); // eight progress events, 20 s apart
    expect(rt.progress?.percent).toBe(8);
    expect(rt.slowStart).toBe(false);
    await vi.advanceTimersByTimeAsync(59_999); // a minute since the last, less 1 ms
    expect(rt.slowStart).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(rt.slowStart).toBe(true);
    expect(slowEvents).toBe(1);
    expect(rt.status).toBe('starting');
  });

  it('is not slow when Python is ready within the minute', async () => {
    const rt = client(['ready']);
    await rt.ready();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(rt.slowStart).toBe(false);
  });

  it('keeps why a start failed, and a start again that succeeds clears it', async () => {
    const rt = client(['fails', 'ready']);
    await expect(rt.ready()).rejects.toThrow('HTTP 503');
    await vi.advanceTimersByTimeAsync(0);
    expect(rt.status).toBe('failed');
    expect(rt.error).toBe('Could not download pyodide.asm.wasm: HTTP 503');
    // A failed start is not also called slow.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(rt.slowStart).toBe(false);
    await rt.startAgain();
    expect(rt.status).toBe('ready');
    expect(rt.error).toBeUndefined();
  });

  it('leaves a started runtime alone', async () => {
    const made: Worker[] = [];
    const rt = client(['ready'], made);
    await rt.ready();
    await rt.startAgain();
    expect(made).toHaveLength(1);
    expect(rt.status).toBe('ready');
  });
});
