// Once a started runtime has had no cell for a second, it runs warm.py's SQLAlchemy round trip
// again (Session.warm): the snapshot holds what that left in Python, but the browser compiles each
// WebAssembly function on its first call, so this moves that compiling off the first SQL cell.
// Only before the first cell, and unseen by the cells.
import { describe, expect, it, vi } from 'vitest';
import { startTestRuntime, type TestRuntime } from './harness.ts';

const QUIET = 2500; // longer than the runtime's one second without a cell

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** How many times the round trip has run in this process, the snapshot's own run included. */
async function rounds(rt: TestRuntime): Promise<string | undefined> {
  return (await rt.run('import retort.warm\nretort.warm.rounds')).display?.text;
}

/** Started from a snapshot that holds the current glue, whose round trip therefore counts once. */
function fromCurrentSnapshot(rt: TestRuntime): void {
  const ready = rt.events.find((e) => e.kind === 'ready');
  expect(ready?.kind === 'ready' && ready.snapshot).toEqual({ used: true });
}

describe('warming up after the start', () => {
  it('runs the round trip again before the first cell, and leaves the cells nothing of it', async () => {
    const rt = await startTestRuntime();
    fromCurrentSnapshot(rt);
    await pause(QUIET);
    // The first cell sees no SQL, output or names it did not make itself.
    const first = await rt.run('sorted(name for name in globals() if not name.startswith("_"))');
    expect(first).toMatchObject({ status: 'ok', sql: [], stdout: '', stderr: '' });
    expect(first.display?.text).toBe('[]');
    expect(await rounds(rt)).toBe('2');
    // SQL still works and is recorded as the cells' own.
    const sql = await rt.run('from sqlalchemy import create_engine, text\ncreate_engine("sqlite://").connect().execute(text("select 41 + 1")).scalar()');
    expect(sql.display?.text).toBe('42');
    expect(sql.sql.map((s) => s.sql)).toEqual(['select 41 + 1']);
  });

  it('does not run once a cell has run: its classes must not be configured by another', async () => {
    const rt = await startTestRuntime();
    fromCurrentSnapshot(rt);
    await rt.run('x = 1');
    await pause(QUIET);
    expect(await rounds(rt)).toBe('1');
  });

  it('leaves a crashed runtime alone: no warm-up tried, no warning', async () => {
    const rt = await startTestRuntime();
    const warn = vi.spyOn(console, 'warn');
    try {
      expect((await rt.run('import os\nos.abort()')).status).toBe('crashed');
      await pause(QUIET);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});
