// One JSON file holding every variant, and merging such a file back in. Merging keeps both
// copies whenever the file and the store disagree, so an import never overwrites silently.
import { SCHEMA_VERSION, copyVariant, readVariant, sameNotebook, type SkippedRecord, type Variant } from './variant.ts';

/** Identifies a Retort backup file. */
export const BACKUP_FORMAT = 'retort-variants-backup';

/** The file's shape. Variants inside may be of any schema version this Retort reads. */
export interface Backup {
  format: typeof BACKUP_FORMAT;
  schema: number;
  exportedAt: string;
  variants: Variant[];
}

/** Make the backup file's text. */
export function exportBackup(variants: readonly Variant[], now: Date): string {
  const backup: Backup = { format: BACKUP_FORMAT, schema: SCHEMA_VERSION, exportedAt: now.toISOString(), variants: [...variants] };
  return JSON.stringify(backup, null, 2);
}

/** A file read back: its variants, the entries skipped and why. */
export interface ParsedBackup {
  variants: Variant[];
  skipped: SkippedRecord[];
}

/** Read a backup file's text. Throws an Error whose message says what is wrong with the file as a whole. */
export function parseBackup(text: string): ParsedBackup {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('This file is not JSON, so it is not a Retort backup. Pick the .json file that "Export" saved.');
  }
  const file = data as Partial<Backup> | null;
  if (typeof file !== 'object' || file === null || file.format !== BACKUP_FORMAT || !Array.isArray(file.variants))
    throw new Error('This JSON file is not a Retort backup (it lacks the backup marker). Pick the file that "Export" saved.');
  const variants: Variant[] = [];
  const skipped: SkippedRecord[] = [];
  file.variants.forEach((value: unknown, index) => {
    const read = readVariant(value);
    if (read.ok) variants.push(read.variant);
    else skipped.push({ key: `entry ${index + 1}`, reason: read.reason });
  });
  return { variants, skipped };
}

/** What an import will do. */
export interface ImportPlan {
  /** New here, or the same as here: written as they are. */
  write: Variant[];
  /** Differ from the copy here: written under a new id, both kept. */
  copies: Variant[];
  /** Already here, unchanged. */
  unchanged: Variant[];
}

/**
 * Pure: merge `incoming` into `existing` without losing either side. `unreadable` are ids of
 * stored records that could not be read; they are never written over either.
 */
export function planImport(existing: readonly Variant[], incoming: readonly Variant[], now: number, unreadable: readonly string[] = []): ImportPlan {
  const byId = new Map(existing.map((v) => [v.id, v]));
  const plan: ImportPlan = { write: [], copies: [], unchanged: [] };
  for (const variant of incoming) {
    const here = byId.get(variant.id);
    if (!here && !unreadable.includes(variant.id)) plan.write.push(variant);
    else if (!here) plan.copies.push(copyVariant(variant, `${variant.name} (imported)`, now));
    else if (sameNotebook(here.notebook, variant.notebook) && here.name === variant.name) plan.unchanged.push(variant);
    else plan.copies.push({ ...copyVariant(variant, `${variant.name} (imported)`, now), draft: false });
  }
  return plan;
}
