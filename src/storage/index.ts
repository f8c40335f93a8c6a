// Saving a person's variants: one interface (VariantStore), IndexedDB behind it.
import { IdbVariantStore } from './idb-variant-store.ts';
import { Journal, reconcile } from './journal.ts';
import type { VariantStore } from './variant-store.ts';
import { copyVariant, readVariant, type Variant } from './variant.ts';

export { Autosave, type SaveState } from './autosave.ts';
export { exportBackup, parseBackup, planImport, type ImportPlan } from './backup.ts';
export { Journal } from './journal.ts';
export { recipeVersion } from './recipe-version.ts';
export { RevisionConflict, describeStorageError, type VariantChange, type VariantListing, type VariantStore } from './variant-store.ts';
export { SCHEMA_VERSION, copyVariant, draftId, newVariantId, sameNotebook, type SkippedRecord, type Variant, type VariantNotebook } from './variant.ts';

/** The page's store and journal. */
export function openVariantStore(): { store: VariantStore; journal: Journal } {
  return { store: new IdbVariantStore(), journal: new Journal() };
}

/** Put edits journaled by a page that closed before saving into the store. Returns copies made. */
export async function recoverUnsaved(store: VariantStore, journal: Journal, now = Date.now()): Promise<Variant[]> {
  const copies: Variant[] = [];
  for (const journaled of journal.entries()) {
    try {
      const listing = await store.list();
      const stored = listing.variants.find((v) => v.id === journaled.id);
      const unreadable = listing.skipped.some((s) => s.key === journaled.id);
      const action = reconcile(unreadable ? 'unreadable' : stored, journaled);
      if (action === 'save') await store.save(journaled);
      if (action === 'copy') {
        const copy = copyVariant(journaled, `${journaled.name} (recovered)`, now);
        await store.save(copy);
        copies.push(copy);
      }
      journal.saved({ ...journaled, revision: Number.MAX_SAFE_INTEGER });
    } catch {
      // Storage unavailable: leave it journaled for the next start.
    }
  }
  return copies;
}

/** Ask the browser not to evict our data under storage pressure. Resolves to whether it agreed. */
export async function askPersistentStorage(): Promise<boolean> {
  try {
    return (await navigator.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}

export { readVariant };
