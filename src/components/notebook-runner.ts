// Runs a notebook's code cells through the runtime, one at a time, in the order they were asked
// for. A Reactive Controller: the notebook element re-renders when a run changes.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { codeCells, type Notebook } from '../notebook/notebook.ts';
import type { StreamChunk } from '../protocol/runtime-api.ts';
import { appendChunk, type CellRun } from './cell-run.ts';
import type { Runtime } from './runtime-context.ts';

// Which notebook's state the runtime's namespace holds. Opening another recipe starts afresh.
const namespaceOwner = new WeakMap<Runtime, object>();

export class NotebookRunner implements ReactiveController {
  /** Latest run of each code cell, by cell id. */
  readonly runs = new Map<string, CellRun>();
  /** Cell ids waiting to run, in order. */
  queue: string[] = [];
  /** Bumped whenever the namespace is lost (restart, crash, worker replaced). */
  epoch = 0;
  private counter = 0;
  private filesSent = -1;
  private pumping = false;
  private runtime: Runtime | undefined;
  private frame = 0;
  private readonly onReset = (): void => this.lost();
  /** Who waits for a cell to be neither queued nor running, by cell id (see `settled`). */
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly notebook: () => Notebook,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.runtime?.addEventListener('reset', this.onReset);
  }

  // Every change to a run asks for an update, so the waits are checked once the host has rendered it.
  hostUpdated(): void {
    for (const [id, resolves] of this.waiting)
      if (this.isSettled(id)) {
        this.waiting.delete(id);
        for (const resolve of resolves) resolve();
      }
  }

  hostDisconnected(): void {
    this.runtime?.removeEventListener('reset', this.onReset);
    this.queue = [];
  }

  /** Use this runtime (it arrives through context). */
  attach(runtime: Runtime | undefined): void {
    if (runtime === this.runtime) return;
    this.runtime?.removeEventListener('reset', this.onReset);
    this.runtime = runtime;
    runtime?.addEventListener('reset', this.onReset);
  }

  /** True while a cell runs or waits. */
  get active(): boolean {
    return this.pumping || this.queue.length > 0;
  }

  /** Queue cells to run after those already queued. Markdown cells and duplicates are skipped. */
  enqueue(ids: readonly string[]): void {
    const code = new Set(codeCells(this.notebook()).map((c) => c.cell.id));
    for (const id of ids) {
      if (!code.has(id) || this.queue.includes(id) || this.runs.get(id)?.phase === 'running') continue;
      this.queue.push(id);
      const previous = this.runs.get(id);
      this.runs.set(id, { ...(previous ?? { epoch: -1, source: '', streams: [] }), phase: 'queued' });
    }
    this.host.requestUpdate();
    void this.pump();
  }

  /** Resolves once the cell is neither queued nor running, and the host has rendered that. */
  settled(id: string): Promise<void> {
    if (this.isSettled(id)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.set(id, [...(this.waiting.get(id) ?? []), resolve]));
  }

  private isSettled(id: string): boolean {
    return !this.queue.includes(id) && this.runs.get(id)?.phase !== 'running';
  }

  /** Drop queued cells and stop the running one. */
  async stop(): Promise<void> {
    this.clearQueue();
    if (this.runtime && this.pumping) await this.runtime.interrupt();
  }

  /** A fresh namespace: clears the queue, restarts the runtime, makes every output stale. */
  async restart(): Promise<void> {
    this.clearQueue();
    if (!this.runtime) return;
    if (this.pumping) await this.runtime.interrupt();
    await this.runtime.restart();
    this.lost();
  }

  /** Forget a deleted cell's run. */
  forget(id: string): void {
    this.queue = this.queue.filter((q) => q !== id);
  }

  private clearQueue(): void {
    for (const id of this.queue) {
      const run = this.runs.get(id);
      if (run) this.runs.set(id, { ...run, phase: 'done' });
    }
    this.queue = [];
    this.host.requestUpdate();
  }

  private lost(): void {
    this.epoch += 1;
    this.counter = 0;
    this.filesSent = -1;
    this.host.requestUpdate();
  }

  private async pump(): Promise<void> {
    if (this.pumping || !this.runtime) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        const runtime = this.runtime;
        await runtime.ready();
        await this.claimNamespace(runtime);
        const id = this.queue.shift();
        const entry = codeCells(this.notebook()).find((c) => c.cell.id === id);
        if (!entry) continue;
        const ok = await this.runOne(runtime, entry.cell.id, entry.label, entry.cell.source);
        if (!ok) this.clearQueue();
      }
    } catch (error) {
      console.error('Running cells failed', error);
      this.clearQueue();
    } finally {
      this.pumping = false;
      this.host.requestUpdate();
    }
  }

  private async claimNamespace(runtime: Runtime): Promise<void> {
    const owner = namespaceOwner.get(runtime);
    if (owner !== undefined && owner !== this) {
      await runtime.restart();
      this.lost();
    }
    namespaceOwner.set(runtime, this);
    if (this.filesSent !== this.epoch) {
      await runtime.setFiles(this.notebook().files);
      this.filesSent = this.epoch;
    }
  }

  private async runOne(runtime: Runtime, cellId: string, label: string, code: string): Promise<boolean> {
    this.counter += 1;
    const run: CellRun = { phase: 'running', count: this.counter, epoch: this.epoch, source: code, startedAt: performance.now(), streams: [] };
    this.runs.set(cellId, run);
    this.host.requestUpdate();
    const onStream = (chunk: StreamChunk): void => {
      const current = this.runs.get(cellId);
      if (!current) return;
      appendChunk(current.streams, chunk);
      this.scheduleRender(cellId);
    };
    const result = await runtime.run({ cellId, label, code }, onStream);
    const latest = this.runs.get(cellId) ?? run;
    this.runs.set(cellId, { ...latest, phase: 'done', result });
    this.host.requestUpdate();
    return result.status === 'ok';
  }

  // Streams can arrive thousands of times a second; re-render at most once a frame.
  private scheduleRender(cellId: string): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const current = this.runs.get(cellId);
      if (current) this.runs.set(cellId, { ...current });
      this.host.requestUpdate();
    });
  }
}
