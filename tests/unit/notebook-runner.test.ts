// The runner's `settled`: what Shift+Enter waits for before it brings the next cell back into
// view. It must resolve once the cell's run has ended and the notebook has rendered that, or once
// the cell has left the queue without running; and at once for a cell with nothing to wait for.
import { describe, expect, it } from 'vitest';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { NotebookRunner } from '../../src/components/notebook-runner.ts';
import type { Runtime } from '../../src/components/runtime-context.ts';
import { makeCell, type Notebook } from '../../src/notebook/notebook.ts';
import type { CellResult } from '../../src/protocol/runtime-api.ts';

/** A host that renders when told to, as Lit would after `requestUpdate`. */
function fakeHost() {
  const controllers: ReactiveController[] = [];
  const host = {
    pending: false,
    addController: (c: ReactiveController) => void controllers.push(c),
    removeController: () => {},
    requestUpdate: () => void (host.pending = true),
    updateComplete: Promise.resolve(true),
    render: () => {
      host.pending = false;
      controllers.forEach((c) => c.hostUpdated?.());
    },
  };
  return host satisfies ReactiveControllerHost;
}

/** A runtime whose runs end when the test says so. */
function fakeRuntime() {
  const ends: ((result: CellResult) => void)[] = [];
  const runtime = Object.assign(new EventTarget(), {
    ready: async () => ({}),
    setFiles: async () => {},
    interrupt: async () => {},
    run: ({ cellId }: { cellId: string }) => new Promise<CellResult>((resolve) => ends.push(() => resolve({ cellId, status: 'ok', sql: [], notices: [], durationMs: 1 }))),
  });
  return { runtime: runtime as unknown as Runtime, endRun: () => ends.shift()!({} as CellResult), runs: () => ends.length };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function setUp() {
  const notebook: Notebook = { title: 't', cells: [makeCell('markdown', '# t'), makeCell('code', '1'), makeCell('code', '2')], files: [] };
  const host = fakeHost();
  const runner = new NotebookRunner(host, () => notebook);
  const rt = fakeRuntime();
  runner.attach(rt.runtime);
  const [markdown, first, second] = notebook.cells.map((c) => c.id) as [string, string, string];
  return { host, runner, rt, markdown, first, second };
}

/** Whether a promise has resolved by now. */
async function resolved(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await tick();
  return done;
}

describe('NotebookRunner.settled', () => {
  it('resolves once the run has ended and the host has rendered it, not before', async () => {
    const { host, runner, rt, first } = setUp();
    runner.enqueue([first]);
    const settled = runner.settled(first);
    await tick();
    expect(rt.runs()).toBe(1);
    host.render();
    expect(await resolved(settled)).toBe(false); // still running
    rt.endRun();
    await tick();
    expect(await resolved(settled)).toBe(false); // ended, not yet rendered
    host.render();
    expect(await resolved(settled)).toBe(true);
  });

  it('resolves for a queued cell that Stop drops without running it', async () => {
    const { host, runner, rt, first, second } = setUp();
    runner.enqueue([first, second]);
    const settled = runner.settled(second);
    await tick();
    await runner.stop();
    host.render();
    expect(await resolved(settled)).toBe(true);
    expect(rt.runs()).toBe(1); // only the first cell ever ran
  });

  it('resolves at once for a cell that is neither queued nor running, a Markdown cell included', async () => {
    const { runner, markdown, second } = setUp();
    expect(await resolved(runner.settled(second))).toBe(true);
    runner.enqueue([markdown]);
    expect(await resolved(runner.settled(markdown))).toBe(true);
  });
});
