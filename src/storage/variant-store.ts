// The one interface the app saves variants through. idb-keyval lives behind it (idb-variant-store.ts);
// the UI never sees it.
import type { SkippedRecord, Variant } from './variant.ts';

/** Every readable variant, and the records that could not be read (left untouched). */
export interface VariantListing {
  variants: Variant[];
  skipped: SkippedRecord[];
}

/** A change to the store, made in this tab or another (sent over a BroadcastChannel). */
export type VariantChange = { kind: 'saved'; id: string; revision: number } | { kind: 'deleted'; id: string } | { kind: 'cleared' };

/** Persistence for variants. */
export interface VariantStore {
  /** Every variant, newest change first; unreadable records are reported, never thrown or deleted. */
  list(): Promise<VariantListing>;
  /** One variant, or undefined when there is none (or it cannot be read). */
  get(id: string): Promise<Variant | undefined>;
  /**
   * Save a variant whose `revision` is one more than the stored one (1 for a new record).
   * Rejects with `RevisionConflict` when the stored revision is not the one it follows.
   */
  save(variant: Variant): Promise<void>;
  /** Write a variant as it is, whatever is stored (import, undo of a delete). */
  replace(variant: Variant): Promise<void>;
  delete(id: string): Promise<void>;
  /** Delete every record, readable or not. */
  clear(): Promise<void>;
  /** Be told of every change, from this tab or another; returns the way to stop. */
  watch(listener: (change: VariantChange) => void): () => void;
}

/** Someone else (another tab) saved this variant since we read it. */
export class RevisionConflict extends Error {
  constructor(
    readonly id: string,
    /** The stored revision, or 0 when there is no record. */
    readonly stored: number,
  ) {
    super(`Variant ${id} changed elsewhere (stored revision ${stored}).`);
    this.name = 'RevisionConflict';
  }
}

/** True when `variant` may be saved over `stored`: it is the next revision of what is stored. */
export function followsRevision(stored: Pick<Variant, 'revision'> | undefined, variant: Pick<Variant, 'revision'>): boolean {
  return (stored?.revision ?? 0) === variant.revision - 1;
}

/** A person-readable account of a storage failure, with what to do about it. */
export function describeStorageError(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'QuotaExceededError')
    return 'The browser says its storage for this site is full. Your edits are kept in this tab and saving is retried every few seconds; deleting variants you no longer need frees space. Keep this tab open until it says Saved.';
  if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError')
    return 'This browser will not let Retort save (private mode, or storage blocked for this site?). Your edits are kept in this tab only and saving is retried; copy any text you need before closing it.';
  return `Saving failed (${error instanceof Error ? error.message : String(error)}). Your edits are kept in this tab and saving is retried.`;
}
