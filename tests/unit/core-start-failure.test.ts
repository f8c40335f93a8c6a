// A start that cannot succeed must fail, not wait: Pyodide 314 only logs an error when its
// WebAssembly cannot be instantiated (a download that failed, say), and its start never ends. The
// host tells the core (`startFailure`), here with a Pyodide that never answers.
import { describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../src/protocol/runtime-api.ts';
import { createRuntime, type RuntimeHost } from '../../src/runtime/core.ts';

const never = <T>(): Promise<T> => new Promise<T>(() => {});

function hungRuntime(startFailure?: Promise<never>) {
  const events: RuntimeEvent[] = [];
  const host: RuntimeHost = {
    loadPyodide: never, // what Pyodide's start does once its wasm failed
    importAsm: never,
    readFile: async () => new Blob([]),
    pythonSources: {},
    emit: (event) => events.push(event),
    startFailure,
  };
  return { runtime: createRuntime(host), events };
}

describe('a start that cannot succeed', () => {
  it('fails with the host’s error, the snapshot’s start and the plain one alike', async () => {
    let fail: (error: unknown) => void = () => {};
    const failure = new Promise<never>((_, reject) => (fail = reject));
    const { runtime, events } = hungRuntime(failure);
    const init = runtime.init({ indexURL: '/python/', wheels: [], snapshot: '/python/snapshot.bin' });
    setTimeout(() => fail(new TypeError('WebAssembly: HTTP status code is not ok')), 20);
    await expect(init).rejects.toThrow('HTTP status code is not ok');
    expect(events.some((e) => e.kind === 'ready')).toBe(false);
  });

  it('waits as before when the host has nothing to say', async () => {
    const { runtime } = hungRuntime();
    const outcome = await Promise.race([runtime.init({ indexURL: '/python/', wheels: [] }).then(() => 'started', () => 'failed'), new Promise((r) => setTimeout(() => r('waiting'), 100))]);
    expect(outcome).toBe('waiting');
  });
});
