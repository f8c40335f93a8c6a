// VariantStore on IndexedDB through idb-keyval, in its own database. Every record read is
// migrated and validated; one that cannot be read is reported and left where it is.
import { clear, createStore, del, entries, get, set, update, type UseStore } from 'idb-keyval';
import { RevisionConflict, followsRevision, type VariantChange, type VariantListing, type VariantStore } from './variant-store.ts';
import { readVariant, type SkippedRecord, type Variant } from './variant.ts';

/** The database and object store names; tests write raw records here. */
export const DATABASE = 'retort-variants';
export const OBJECT_STORE = 'variants';

/** Test hook: when `failWrites` is set, every write throws that DOMException name (e.g. QuotaExceededError). */
interface StorageTestHooks {
  failWrites?: string;
}

function checkFault(): void {
  const hooks = (globalThis as { __retortStorageHooks?: StorageTestHooks }).__retortStorageHooks;
  if (hooks?.failWrites) throw new DOMException(`Simulated ${hooks.failWrites}`, hooks.failWrites);
}

export class IdbVariantStore implements VariantStore {
  private readonly db: UseStore;
  // Other tabs of this site hear our writes on the channel (it never echoes back to us);
  // listeners in this tab hear them through `local`.
  private readonly channel: BroadcastChannel | undefined;
  private readonly local = new EventTarget();

  constructor(database = DATABASE, objectStore = OBJECT_STORE) {
    this.db = createStore(database, objectStore);
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`${database}/${objectStore}`) : undefined;
  }

  watch(listener: (change: VariantChange) => void): () => void {
    const onMessage = (event: Event): void => listener((event as MessageEvent<VariantChange>).data);
    this.channel?.addEventListener('message', onMessage);
    this.local.addEventListener('message', onMessage);
    return () => {
      this.channel?.removeEventListener('message', onMessage);
      this.local.removeEventListener('message', onMessage);
    };
  }

  private announce(change: VariantChange): void {
    this.channel?.postMessage(change);
    this.local.dispatchEvent(new MessageEvent('message', { data: change }));
  }

  async list(): Promise<VariantListing> {
    const variants: Variant[] = [];
    const skipped: SkippedRecord[] = [];
    for (const [key, value] of await entries(this.db)) {
      const read = readVariant(value);
      if (!read.ok) skipped.push({ key: String(key), reason: read.reason });
      else if (read.variant.id !== String(key)) skipped.push({ key: String(key), reason: `it is stored under another id (${read.variant.id})` });
      else variants.push(read.variant);
    }
    variants.sort((a, b) => b.updatedAt - a.updatedAt);
    return { variants, skipped };
  }

  async get(id: string): Promise<Variant | undefined> {
    const read = readVariant(await get(id, this.db));
    return read.ok ? read.variant : undefined;
  }

  async save(variant: Variant): Promise<void> {
    checkFault();
    let conflict: RevisionConflict | undefined;
    // One transaction reads the stored revision and writes, so two tabs cannot both win.
    await update(
      variant.id,
      (stored: unknown) => {
        const read = stored === undefined ? undefined : readVariant(stored);
        if (read && !read.ok) conflict = new RevisionConflict(variant.id, -1);
        else if (!followsRevision(read?.variant, variant)) conflict = new RevisionConflict(variant.id, read?.variant.revision ?? 0);
        if (conflict) throw conflict;
        return variant;
      },
      this.db,
    ).catch((error: unknown) => {
      throw conflict ?? error;
    });
    this.announce({ kind: 'saved', id: variant.id, revision: variant.revision });
  }

  async replace(variant: Variant): Promise<void> {
    checkFault();
    await set(variant.id, variant, this.db);
    this.announce({ kind: 'saved', id: variant.id, revision: variant.revision });
  }

  async delete(id: string): Promise<void> {
    await del(id, this.db);
    this.announce({ kind: 'deleted', id });
  }

  async clear(): Promise<void> {
    await clear(this.db);
    this.announce({ kind: 'cleared' });
  }
}
