// Autosave: debounce, one write at a time, retry after a failure, conflicts keep both texts,
// and the journal catches what a closing page could not save.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosave, type SaveState } from '../../src/storage/autosave.ts';
import { recoverUnsaved } from '../../src/storage/index.ts';
import { Journal, reconcile } from '../../src/storage/journal.ts';
import type { VariantNotebook } from '../../src/storage/variant.ts';
import { MemoryStorage, MemoryStore, sampleVariant } from './storage-fixtures.ts';

const notebook = (text: string): VariantNotebook => ({ title: 'T', cells: [{ id: 'a', kind: 'code', source: text }], files: [] });

describe('Autosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves once after a quiet spell, creating the record at revision 1', async () => {
    const store = new MemoryStore();
    const states: SaveState['kind'][] = [];
    const saver = new Autosave(store, sampleVariant({ revision: 0 }), undefined, { delayMs: 400, onState: (s) => states.push(s.kind) });
    saver.change(notebook('a'));
    saver.change(notebook('ab'));
    await vi.advanceTimersByTimeAsync(399);
    expect(store.writes).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(store.writes).toBe(1);
    expect((await store.get('v1'))?.notebook).toEqual(notebook('ab'));
    expect(saver.variant.revision).toBe(1);
    expect(states).toEqual(['pending', 'pending', 'saving', 'saved']);
  });

  it('edits made during a write are saved after it', async () => {
    const store = new MemoryStore();
    const saver = new Autosave(store, sampleVariant({ revision: 0 }), undefined, { delayMs: 10 });
    saver.change(notebook('1'));
    const first = saver.flush();
    saver.change(notebook('2'));
    await first;
    await saver.flush();
    expect((await store.get('v1'))?.notebook).toEqual(notebook('2'));
    expect(saver.dirty).toBe(false);
  });

  it('keeps edits in memory while storage is full and saves them when it works again', async () => {
    const store = new MemoryStore();
    store.failWrites = 'QuotaExceededError';
    let state = { kind: 'idle' } as SaveState;
    const saver = new Autosave(store, sampleVariant({ revision: 0 }), undefined, { delayMs: 10, retryMs: 1000, onState: (s) => (state = s) });
    saver.change(notebook('kept'));
    await vi.advanceTimersByTimeAsync(10);
    expect(state).toMatchObject({ kind: 'failed', message: expect.stringMatching(/full/) });
    expect(saver.dirty).toBe(true);
    saver.change(notebook('kept, and more'));
    expect(state.kind).toBe('failed');
    store.failWrites = undefined;
    await vi.advanceTimersByTimeAsync(1000);
    expect(state.kind).toBe('saved');
    expect((await store.get('v1'))?.notebook).toEqual(notebook('kept, and more'));
  });

  it('when another tab saved first, our text is saved as a copy and theirs is kept', async () => {
    const store = new MemoryStore();
    await store.save(sampleVariant({ revision: 1, notebook: notebook('base') }));
    const mine = new Autosave(store, sampleVariant({ revision: 1, notebook: notebook('base') }), undefined, { delayMs: 10 });
    const copies: string[] = [];
    const theirs = new Autosave(store, sampleVariant({ revision: 1 }), undefined, {
      delayMs: 10,
      onConflict: (c) => copies.push(c.id),
    });
    mine.change(notebook('mine'));
    await mine.flush();
    theirs.change(notebook('theirs'));
    await theirs.flush();
    expect((await store.get('v1'))?.notebook).toEqual(notebook('mine'));
    expect(copies).toHaveLength(1);
    const copy = await store.get(copies[0]!);
    expect(copy?.notebook).toEqual(notebook('theirs'));
    expect(copy?.name).toMatch(/copy from another tab/);
    // The loser now edits its copy.
    theirs.change(notebook('theirs 2'));
    await theirs.flush();
    expect((await store.get(copies[0]!))?.notebook).toEqual(notebook('theirs 2'));
  });

  it('a store that never answers does not hold up edits (runs never wait on storage)', async () => {
    const store = new MemoryStore();
    store.save = () => new Promise<void>(() => undefined);
    const saver = new Autosave(store, sampleVariant({ revision: 0 }), undefined, { delayMs: 10 });
    saver.change(notebook('1'));
    await vi.advanceTimersByTimeAsync(10);
    expect(saver.state.kind).toBe('saving');
    saver.change(notebook('2'));
    expect(saver.dirty).toBe(true);
  });

  it('adopts a newer stored copy only when nothing is unsaved', () => {
    const saver = new Autosave(new MemoryStore(), sampleVariant({ revision: 1 }));
    expect(saver.adopt(sampleVariant({ revision: 2 }))).toBe(true);
    saver.change(notebook('x'));
    expect(saver.adopt(sampleVariant({ revision: 3 }))).toBe(false);
  });

  it('journals unsaved edits synchronously when the page is hidden', () => {
    const storage = new MemoryStorage();
    const journal = new Journal(storage);
    const saver = new Autosave(new MemoryStore(), sampleVariant({ revision: 0 }), journal);
    saver.change(notebook('typed'));
    saver.flushOnHide();
    expect(journal.entries()[0]?.notebook).toEqual(notebook('typed'));
  });
});

describe('journal recovery', () => {
  it('reconcile: save the next revision, drop what is saved, copy on a conflict', () => {
    const j = sampleVariant({ revision: 3, notebook: notebook('j') });
    expect(reconcile(sampleVariant({ revision: 2 }), j)).toBe('save');
    expect(reconcile(undefined, sampleVariant({ revision: 1 }))).toBe('save');
    expect(reconcile(sampleVariant({ revision: 3, notebook: notebook('j') }), j)).toBe('drop');
    expect(reconcile(sampleVariant({ revision: 3, notebook: notebook('other') }), j)).toBe('copy');
    expect(reconcile('unreadable', j)).toBe('copy');
  });

  it('recoverUnsaved writes journaled edits into the store and forgets them', async () => {
    const storage = new MemoryStorage();
    const journal = new Journal(storage);
    const store = new MemoryStore();
    journal.write(sampleVariant({ revision: 1, notebook: notebook('lost?') }));
    expect(await recoverUnsaved(store, journal)).toEqual([]);
    expect((await store.get('v1'))?.notebook).toEqual(notebook('lost?'));
    expect(journal.entries()).toEqual([]);
  });

  it('keeps a journaled edit as a copy when the store moved on, and keeps the journal when storage fails', async () => {
    const journal = new Journal(new MemoryStorage());
    const store = new MemoryStore();
    await store.save(sampleVariant({ revision: 1, notebook: notebook('theirs') }));
    await store.replace(sampleVariant({ revision: 2, notebook: notebook('theirs 2') }));
    journal.write(sampleVariant({ revision: 2, notebook: notebook('mine') }));
    store.failWrites = 'QuotaExceededError';
    expect(await recoverUnsaved(store, journal)).toEqual([]);
    expect(journal.entries()).toHaveLength(1);
    store.failWrites = undefined;
    const copies = await recoverUnsaved(store, journal);
    expect(copies[0]?.notebook).toEqual(notebook('mine'));
    expect((await store.get('v1'))?.notebook).toEqual(notebook('theirs 2'));
  });

  it('a blocked localStorage never throws', () => {
    const storage = new MemoryStorage();
    storage.failWrites = true;
    const journal = new Journal(storage);
    expect(() => journal.write(sampleVariant())).not.toThrow();
    expect(new Journal(undefined).entries()).toEqual([]);
  });
});
