// Reading stored variants: validation, migration from earlier schema versions, revision rule.
import { describe, expect, it } from 'vitest';
import { recipeVersion } from '../../src/storage/recipe-version.ts';
import { describeStorageError, followsRevision } from '../../src/storage/variant-store.ts';
import { SCHEMA_VERSION, copyVariant, migrate, readVariant, sameNotebook } from '../../src/storage/variant.ts';
import { sampleVariant, v1Record } from './storage-fixtures.ts';

describe('readVariant', () => {
  it('accepts a current record as it is', () => {
    const read = readVariant(sampleVariant());
    expect(read).toEqual({ ok: true, variant: sampleVariant(), migrated: false });
  });

  it('migrates a schema 1 record (no revision) to the current schema', () => {
    const read = readVariant(v1Record());
    expect(read.ok && read.migrated).toBe(true);
    expect(read.ok && read.variant).toEqual(sampleVariant({ revision: 1 }));
    expect(SCHEMA_VERSION).toBe(2);
  });

  it('does not change the record it was given', () => {
    const record = v1Record();
    migrate(record);
    expect(record.schema).toBe(1);
    expect('revision' in record).toBe(false);
  });

  it.each([
    ['null', null, 'not a Retort variant'],
    ['a string', 'hello', 'not a Retort variant'],
    ['an array', [1, 2], 'not a Retort variant'],
    ['no schema', { id: 'x' }, 'no schema version'],
    ['a newer schema', { ...sampleVariant(), schema: 99 }, 'newer Retort'],
    ['no id', sampleVariant({ id: '' }), 'no id'],
    ['bad dates', { ...sampleVariant(), createdAt: 'yesterday' }, 'dates'],
    ['revision 0', sampleVariant({ revision: 0 }), 'revision'],
    ['no draft flag', { ...sampleVariant(), draft: 'yes' }, 'draft'],
    ['cells not a list', { ...sampleVariant(), notebook: { title: 't', cells: {}, files: [] } }, 'no cells'],
    ['a cell of another kind', { ...sampleVariant(), notebook: { title: 't', cells: [{ id: 'a', kind: 'raw', source: '' }], files: [] } }, 'cell 1'],
    ['a file without content', { ...sampleVariant(), notebook: { title: 't', cells: [], files: [{ path: 'a.py' }] } }, 'files'],
    ['a v1 record that is broken too', v1Record({ notebook: null }), 'no notebook'],
  ])('rejects %s with a reason', (_name, value, reason) => {
    const read = readVariant(value);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason).toContain(reason);
  });

  it('returns a copy, so changing it does not change the stored value', () => {
    const stored = sampleVariant();
    const read = readVariant(stored);
    if (read.ok) read.variant.notebook.cells[0]!.source = 'changed';
    expect(stored.notebook.cells[0]!.source).toBe('Intro');
  });
});

describe('revisions', () => {
  it('a save must follow the stored revision', () => {
    expect(followsRevision(undefined, { revision: 1 })).toBe(true);
    expect(followsRevision(undefined, { revision: 2 })).toBe(false);
    expect(followsRevision({ revision: 3 }, { revision: 4 })).toBe(true);
    expect(followsRevision({ revision: 4 }, { revision: 4 })).toBe(false);
    expect(followsRevision({ revision: 5 }, { revision: 4 })).toBe(false);
  });

  it('a copy is a new named variant at revision 1 with the same text', () => {
    const copy = copyVariant(sampleVariant({ revision: 7, draft: true }), 'Copy', 5000);
    expect(copy.id).not.toBe('v1');
    expect(copy).toMatchObject({ name: 'Copy', revision: 1, draft: false, createdAt: 5000, updatedAt: 5000 });
    expect(sameNotebook(copy.notebook, sampleVariant().notebook)).toBe(true);
  });
});

describe('recipeVersion', () => {
  it('is stable and tells texts apart', () => {
    expect(recipeVersion('abc')).toBe(recipeVersion('abc'));
    expect(recipeVersion('abc')).not.toBe(recipeVersion('abd'));
    expect(recipeVersion('')).toMatch(/^[0-9a-f]{14}$/);
  });
});

describe('describeStorageError', () => {
  it('says what happened and what to do', () => {
    expect(describeStorageError(new DOMException('x', 'QuotaExceededError'))).toMatch(/full.*kept in this tab.*retried/);
    expect(describeStorageError(new DOMException('x', 'InvalidStateError'))).toMatch(/private mode/);
    expect(describeStorageError(new Error('boom'))).toMatch(/boom.*kept/);
  });
});
