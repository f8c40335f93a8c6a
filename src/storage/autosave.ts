// Saves one open variant as it is edited: debounced, one write at a time, retried after a
// failure, journaled when the page goes away. Running cells never waits on any of this.
import type { Journal } from './journal.ts';
import { RevisionConflict, describeStorageError, type VariantStore } from './variant-store.ts';
import { copyVariant, type Variant, type VariantNotebook } from './variant.ts';

/** Where saving stands, for the "Saved" indicator. */
export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: number }
  | { kind: 'failed'; message: string };

export interface AutosaveOptions {
  /** Quiet time after the last edit before saving. */
  delayMs?: number;
  /** Wait before trying again after a failed write. */
  retryMs?: number;
  now?: () => number;
  onState?: (state: SaveState) => void;
  /** Another tab saved this variant first; our text now lives in `copy`, which this editor continues with. */
  onConflict?: (copy: Variant) => void;
}

export class Autosave {
  /** The variant as last saved; revision 0 means not yet in the store. */
  variant: Variant;
  state: SaveState = { kind: 'idle' };
  private pending: VariantNotebook | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private readonly delayMs: number;
  private readonly retryMs: number;
  private readonly now: () => number;

  constructor(
    private readonly store: VariantStore,
    variant: Variant,
    private readonly journal?: Journal,
    private readonly options: AutosaveOptions = {},
  ) {
    this.variant = variant;
    this.delayMs = options.delayMs ?? 400;
    this.retryMs = options.retryMs ?? 2000;
    this.now = options.now ?? Date.now;
  }

  /** True while edits are not yet in the store. */
  get dirty(): boolean {
    return this.pending !== undefined;
  }

  /** The notebook changed; save it soon. */
  change(notebook: VariantNotebook): void {
    this.pending = notebook;
    if (this.state.kind !== 'failed') this.setState({ kind: 'pending' });
    this.schedule(this.delayMs);
  }

  /** Take a newer stored copy (saved by another tab) when nothing here is unsaved. Returns whether it did. */
  adopt(variant: Variant): boolean {
    if (this.pending || this.running || variant.revision <= this.variant.revision) return false;
    this.variant = variant;
    return true;
  }

  /** Write now. Resolves when the store holds everything edited so far (or the write failed). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.running) await this.running;
    if (!this.pending) return;
    this.running = this.write().finally(() => (this.running = undefined));
    await this.running;
  }

  /** The page is being hidden or closed: journal unsaved edits synchronously, then try to save. */
  flushOnHide(): void {
    if (this.pending) this.journal?.write(this.next(this.pending));
    void this.flush();
  }

  /** Stop timers (the editor is closing); unsaved edits are flushed first. */
  async dispose(): Promise<void> {
    await this.flush();
    clearTimeout(this.timer);
  }

  private next(notebook: VariantNotebook): Variant {
    return { ...this.variant, notebook, revision: this.variant.revision + 1, updatedAt: this.now() };
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), ms);
  }

  private async write(): Promise<void> {
    const notebook = this.pending;
    if (!notebook) return;
    const next = this.next(notebook);
    this.setState({ kind: 'saving' });
    try {
      await this.store.save(next);
      this.variant = next;
      this.journal?.saved(next);
    } catch (error) {
      if (!(error instanceof RevisionConflict)) {
        this.setState({ kind: 'failed', message: describeStorageError(error) });
        this.schedule(this.retryMs);
        return;
      }
      // Someone else saved first: keep both. Our text becomes a copy; theirs stays as it is.
      const copy = copyVariant(next, `${next.name} (copy from another tab)`, this.now());
      try {
        await this.store.save(copy);
      } catch (copyError) {
        this.variant = { ...copy, revision: 0 };
        this.setState({ kind: 'failed', message: describeStorageError(copyError) });
        this.schedule(this.retryMs);
        this.options.onConflict?.(copy);
        return;
      }
      this.variant = copy;
      this.options.onConflict?.(copy);
    }
    if (this.pending === notebook) this.pending = undefined;
    if (this.pending) this.schedule(this.delayMs);
    else this.setState({ kind: 'saved', at: this.variant.updatedAt });
  }

  private setState(state: SaveState): void {
    this.state = state;
    this.options.onState?.(state);
  }
}
