// A VariantStore in memory with the same revision rule as the IndexedDB one, and sample records.
import { RevisionConflict, followsRevision, type VariantChange, type VariantListing, type VariantStore } from '../../src/storage/variant-store.ts';
import { readVariant, type Variant } from '../../src/storage/variant.ts';

export class MemoryStore implements VariantStore {
  readonly records = new Map<string, unknown>();
  /** Set to a DOMException name to make writes fail. */
  failWrites: string | undefined;
  writes = 0;

  async list(): Promise<VariantListing> {
    const listing: VariantListing = { variants: [], skipped: [] };
    for (const [key, value] of this.records) {
      const read = readVariant(value);
      if (read.ok) listing.variants.push(read.variant);
      else listing.skipped.push({ key, reason: read.reason });
    }
    return listing;
  }
  async get(id: string): Promise<Variant | undefined> {
    const read = readVariant(this.records.get(id));
    return read.ok ? read.variant : undefined;
  }
  async save(variant: Variant): Promise<void> {
    this.fault();
    const stored = this.records.get(variant.id);
    const read = stored === undefined ? undefined : readVariant(stored);
    if (read && !read.ok) throw new RevisionConflict(variant.id, -1);
    if (!followsRevision(read?.variant, variant)) throw new RevisionConflict(variant.id, read?.variant.revision ?? 0);
    this.records.set(variant.id, structuredClone(variant));
  }
  async replace(variant: Variant): Promise<void> {
    this.fault();
    this.records.set(variant.id, structuredClone(variant));
  }
  async delete(id: string): Promise<void> {
    this.records.delete(id);
  }
  async clear(): Promise<void> {
    this.records.clear();
  }
  watch(_listener: (change: VariantChange) => void): () => void {
    return () => undefined;
  }
  private fault(): void {
    if (this.failWrites) throw new DOMException('simulated', this.failWrites);
    this.writes += 1;
  }
}

export function sampleVariant(overrides: Partial<Variant> = {}): Variant {
  return {
    schema: 2,
    id: 'v1',
    name: 'My joins',
    recipeSlug: 'window-functions',
    baseVersion: '00000000000001',
    notebook: {
      title: 'Window functions',
      cells: [
        { id: 'a', kind: 'markdown', source: 'Intro' },
        { id: 'b', kind: 'code', source: 'print(1)' },
      ],
      files: [{ path: 'models.py', content: 'x = 1\n' }],
    },
    createdAt: 1000,
    updatedAt: 2000,
    revision: 1,
    draft: false,
    ...overrides,
  };
}

/** The same record as schema version 1 wrote it: no revision. */
export function v1Record(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { revision: _revision, ...rest } = sampleVariant();
  return { ...rest, schema: 1, ...overrides };
}

export class MemoryStorage {
  private readonly map = new Map<string, string>();
  failWrites = false;
  get length(): number {
    return this.map.size;
  }
  key(i: number): string | null {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string): string | null {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    if (this.failWrites) throw new DOMException('full', 'QuotaExceededError');
    this.map.set(k, v);
  }
  removeItem(k: string): void {
    this.map.delete(k);
  }
}
