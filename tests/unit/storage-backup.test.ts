// Backup files: export, parse with clear errors, and merge without overwriting.
import { describe, expect, it } from 'vitest';
import { exportBackup, parseBackup, planImport } from '../../src/storage/backup.ts';
import { sampleVariant, v1Record } from './storage-fixtures.ts';

describe('backup files', () => {
  it('round-trips every variant exactly', () => {
    const variants = [sampleVariant(), sampleVariant({ id: 'v2', name: 'Other', draft: true, revision: 4 })];
    const text = exportBackup(variants, new Date(0));
    expect(parseBackup(text)).toEqual({ variants, skipped: [] });
  });

  it('reads variants of an earlier schema inside a backup', () => {
    const text = JSON.stringify({ format: 'retort-variants-backup', schema: 1, exportedAt: '', variants: [v1Record()] });
    expect(parseBackup(text).variants[0]?.revision).toBe(1);
  });

  it('skips bad entries with a reason and keeps the good ones', () => {
    const text = JSON.stringify({ format: 'retort-variants-backup', schema: 2, exportedAt: '', variants: [sampleVariant(), { id: 3 }] });
    const parsed = parseBackup(text);
    expect(parsed.variants).toHaveLength(1);
    expect(parsed.skipped).toEqual([{ key: 'entry 2', reason: 'it has no schema version' }]);
  });

  it('says why a file is not a backup', () => {
    expect(() => parseBackup('not json')).toThrow(/not JSON/);
    expect(() => parseBackup('{"cells": []}')).toThrow(/not a Retort backup/);
    expect(() => parseBackup('null')).toThrow(/not a Retort backup/);
  });
});

describe('planImport', () => {
  const here = sampleVariant({ revision: 5, updatedAt: 9000 });

  it('writes new variants, skips identical ones', () => {
    const fresh = sampleVariant({ id: 'new' });
    const plan = planImport([here], [fresh, { ...here }], 1)!;
    expect(plan.write).toEqual([fresh]);
    expect(plan.unchanged).toHaveLength(1);
    expect(plan.copies).toEqual([]);
  });

  it('keeps both when the file and the store differ, whichever is newer', () => {
    const older = sampleVariant({ revision: 2, updatedAt: 100, notebook: { ...here.notebook, title: 'Old' } });
    const newer = sampleVariant({ revision: 9, updatedAt: 99999, notebook: { ...here.notebook, title: 'New' } });
    for (const incoming of [older, newer]) {
      const plan = planImport([here], [incoming], 1);
      expect(plan.write).toEqual([]);
      expect(plan.copies).toHaveLength(1);
      expect(plan.copies[0]).toMatchObject({ name: 'My joins (imported)', revision: 1, notebook: incoming.notebook });
      expect(plan.copies[0]!.id).not.toBe(here.id);
    }
  });

  it('never writes over a stored record that could not be read', () => {
    const plan = planImport([], [sampleVariant()], 1, ['v1']);
    expect(plan.write).toEqual([]);
    expect(plan.copies[0]?.id).not.toBe('v1');
  });
});
