// Keeps the open notebook saved as the person's variant: makes the draft on the first edit,
// saves through Autosave, flushes when the page is hidden, and follows other tabs' saves.
// A Reactive Controller: the notebook re-renders when the save state changes.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Recipe } from '../recipes/index.ts';
import { Autosave, SCHEMA_VERSION, copyVariant, draftId, recipeVersion, type Journal, type SaveState, type Variant, type VariantChange, type VariantNotebook, type VariantStore } from '../storage/index.ts';

export interface VariantAutosaveHooks {
  /** Another tab saved a newer copy and nothing here was unsaved: show it. */
  replaced(variant: Variant): void;
  /** Tell the person something about their variant. */
  notice(text: string): void;
  /** Edits now go to another variant (a copy made after a conflict). */
  moved(variant: Variant): void;
}

/** A new, not yet saved draft of a recipe holding `notebook`. */
export function draftOf(recipe: Recipe, notebook: VariantNotebook): Variant {
  const now = Date.now();
  const { slug, title } = recipe.meta;
  const base = { schema: SCHEMA_VERSION as typeof SCHEMA_VERSION, id: draftId(slug), name: title, recipeSlug: slug, baseVersion: recipeVersion(recipe.text) };
  return { ...base, notebook, createdAt: now, updatedAt: now, revision: 0, draft: true };
}

export class VariantAutosave implements ReactiveController {
  /** Where saving stands, for the variant bar. */
  state: SaveState = { kind: 'idle' };
  private saver: Autosave | undefined;
  private store: VariantStore | undefined;
  private journal: Journal | undefined;
  private makeDraft: (() => Variant) | undefined;
  private unwatch: (() => void) | undefined;
  private failing = false;
  private readonly onPageHide = (): void => this.saver?.flushOnHide();
  private readonly onVisibility = (): void => {
    if (document.visibilityState === 'hidden') this.saver?.flushOnHide();
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly hooks: VariantAutosaveHooks,
  ) {
    host.addController(this);
  }

  /** The variant being edited, once it exists in the store (or is about to). */
  get variant(): Variant | undefined {
    return this.saver?.variant;
  }

  /** Start: `variant` when reopening one; otherwise `makeDraft` makes the draft on the first edit. */
  open(store: VariantStore | undefined, journal: Journal | undefined, variant: Variant | undefined, makeDraft: () => Variant): void {
    this.store = store;
    this.journal = journal;
    this.makeDraft = makeDraft;
    this.saver = variant && store ? this.saverFor(store, variant) : undefined;
    this.state = variant ? { kind: 'saved', at: variant.updatedAt } : { kind: 'idle' };
    this.unwatch?.();
    this.unwatch = store?.watch((change) => void this.onChange(change));
  }

  /** The person changed the notebook. Never waits: the write happens later. */
  changed(notebook: VariantNotebook): void {
    if (!this.store) return;
    if (!this.saver && this.makeDraft) this.saver = this.saverFor(this.store, { ...this.makeDraft(), revision: 0 });
    this.saver?.change(structuredClone(notebook));
  }

  /** Save everything now (before Save as, Compare, leaving). */
  async flush(): Promise<void> {
    await this.saver?.flush();
  }

  /** Save the current text as a new named variant. A draft it came from is then removed. */
  async saveAs(name: string, notebook: VariantNotebook): Promise<Variant | undefined> {
    const store = this.store;
    if (!store) return undefined;
    await this.flush();
    const base = this.saver?.variant ?? this.makeDraft?.();
    if (!base) return undefined;
    const copy = copyVariant({ ...base, notebook: structuredClone(notebook) }, name, Date.now());
    await store.save(copy);
    if (base.draft && base.revision > 0) await store.delete(base.id);
    return copy;
  }

  /** Stop saving this notebook, dropping unsaved edits (it was discarded or erased). */
  detach(): void {
    this.saver = undefined;
    this.state = { kind: 'idle' };
    this.host.requestUpdate();
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.onPageHide);
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.onPageHide);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.unwatch?.();
    void this.saver?.flush();
  }

  private saverFor(store: VariantStore, variant: Variant): Autosave {
    return new Autosave(store, variant, this.journal, {
      delayMs: 400,
      onState: (state) => {
        // Say so where it is seen wherever the page is scrolled, once when saving starts failing
        // and once when it works again; the bar keeps the details meanwhile.
        if (state.kind === 'failed' && this.state.kind !== 'failed') this.hooks.notice(`Not saved. ${state.message}`);
        if (state.kind === 'saved' && this.failing) this.hooks.notice('Saving works again: every edit is stored.');
        if (state.kind === 'failed') this.failing = true;
        if (state.kind === 'saved') this.failing = false;
        this.state = state;
        this.host.requestUpdate();
      },
      onConflict: (copy) => {
        // This notice also says the text is saved; "works again" must not replace it.
        this.failing = false;
        this.hooks.moved(copy);
        this.hooks.notice(
          `This was changed in another tab at the same time. Nothing was overwritten: your text is saved as “${copy.name}”, and the other tab’s text is kept as it was.`,
        );
        this.host.requestUpdate();
      },
    });
  }

  private async onChange(change: VariantChange): Promise<void> {
    const saver = this.saver;
    if (!saver || !this.store) return;
    const id = saver.variant.id;
    if (change.kind === 'saved' && change.id === id && change.revision > saver.variant.revision) {
      const newer = await this.store.get(id);
      if (newer && saver.adopt(newer)) {
        this.hooks.replaced(newer);
        this.state = { kind: 'saved', at: newer.updatedAt };
        this.host.requestUpdate();
      }
    } else if ((change.kind === 'deleted' && change.id === id) || change.kind === 'cleared') {
      // Deleted or erased on purpose: stop saving. The text stays on screen; a new edit makes a new draft.
      this.detach();
    }
  }
}
