// Unsaved edits written synchronously when the page is hidden or closed. An IndexedDB write
// started in `pagehide` may not finish before the page is gone; localStorage always does. On the
// next start the journal is reconciled with the store by the revision rule, so it can only
// add what was lost, never overwrite a newer copy.
import { readVariant, sameNotebook, type Variant } from './variant.ts';

const PREFIX = 'retort-unsaved:';

/** What to do with a journaled variant, given what the store holds for its id. */
export type Reconcile = 'save' | 'drop' | 'copy';

/** Pure: `stored` is the stored variant, undefined when there is none, or 'unreadable'. */
export function reconcile(stored: Variant | undefined | 'unreadable', journaled: Variant): Reconcile {
  if (stored === 'unreadable') return 'copy';
  if ((stored?.revision ?? 0) === journaled.revision - 1) return 'save';
  if (stored && sameNotebook(stored.notebook, journaled.notebook)) return 'drop';
  return 'copy';
}

/** The journal in localStorage. Every method swallows storage errors: it is a safety net, not a store. */
export class Journal {
  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'> | undefined = globalThis.localStorage) {}

  /** Remember a variant not yet known to be saved. */
  write(variant: Variant): void {
    try {
      this.storage?.setItem(PREFIX + variant.id, JSON.stringify(variant));
    } catch {
      // Full or blocked: the in-memory copy and the async save remain.
    }
  }

  /** Forget the entry for this id once its revision (or a later one) is saved. */
  saved(variant: Variant): void {
    try {
      const entry = this.storage?.getItem(PREFIX + variant.id);
      if (entry === null || entry === undefined) return;
      const read = readVariant(JSON.parse(entry));
      if (!read.ok || read.variant.revision <= variant.revision) this.storage?.removeItem(PREFIX + variant.id);
    } catch {
      // Nothing to forget.
    }
  }

  /** Every journaled variant; unreadable entries are dropped (they were only ever a copy). */
  entries(): Variant[] {
    const out: Variant[] = [];
    try {
      const storage = this.storage;
      if (!storage) return out;
      const keys: string[] = [];
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith(PREFIX)) keys.push(key);
      }
      for (const key of keys) {
        const read = readVariant(JSON.parse(storage.getItem(key) ?? 'null'));
        if (read.ok) out.push(read.variant);
        else storage.removeItem(key);
      }
    } catch {
      // Blocked storage: nothing journaled.
    }
    return out;
  }

  /** Forget everything (erase all data). */
  clear(): void {
    for (const variant of this.entries()) this.storage?.removeItem(PREFIX + variant.id);
  }
}
