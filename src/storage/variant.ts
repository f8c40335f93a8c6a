// A person's own copy of a recipe, as stored: the record shape, its schema version, reading
// (validation and migration from earlier versions) and small pure operations. No storage here.
import type { Cell, NotebookFile } from '../notebook/notebook.ts';

/** The schema version records are written with. Bump it and add a step to `MIGRATIONS`. */
export const SCHEMA_VERSION = 2;

/** The part of a notebook a variant keeps; the recipe's metadata comes from the catalog. */
export interface VariantNotebook {
  title: string;
  cells: Cell[];
  files: NotebookFile[];
}

/** A person's edited copy of a recipe. */
export interface Variant {
  schema: typeof SCHEMA_VERSION;
  id: string;
  /** Shown in "My variants"; a draft's name is its recipe's title. */
  name: string;
  /** The recipe it was made from. */
  recipeSlug: string;
  /** Hash of the shipped recipe text it started from (see `recipeVersion`). */
  baseVersion: string;
  notebook: VariantNotebook;
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
  /** Bumped by one on every save; a save that does not follow the stored revision is a conflict. */
  revision: number;
  /** True for the automatic copy made by editing a recipe; false once named. */
  draft: boolean;
}

/** A record that could not be read, left where it is. */
export interface SkippedRecord {
  key: string;
  reason: string;
}

/** The outcome of reading one stored value. */
export type ReadResult = { ok: true; variant: Variant; migrated: boolean } | { ok: false; reason: string };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Earlier shapes, upgraded one version at a time. Version 1 had no `revision`. */
const MIGRATIONS: Record<number, (record: Json) => Json> = {
  1: (record) => ({ ...record, schema: 2, revision: 1 }),
};

/** Bring a record of any earlier schema version up to `SCHEMA_VERSION`. Pure; throws on an unknown version. */
export function migrate(record: Json): { record: Json; migrated: boolean } {
  let current = record;
  const stamped = current.schema;
  if (typeof stamped !== 'number' || !Number.isInteger(stamped) || stamped < 1) throw new Error('it has no schema version');
  let version = stamped;
  if (version > SCHEMA_VERSION) throw new Error(`it was written by a newer Retort (schema ${version}; this one reads up to ${SCHEMA_VERSION})`);
  const migrated = version < SCHEMA_VERSION;
  while (version < SCHEMA_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) throw new Error(`there is no migration from schema ${version}`);
    current = step(current);
    version = current.schema as number;
  }
  return { record: current, migrated };
}

function checkCell(cell: unknown, index: number): string | undefined {
  if (!isObject(cell)) return `cell ${index + 1} is not an object`;
  if (!isString(cell.id) || cell.id === '') return `cell ${index + 1} has no id`;
  if (cell.kind !== 'code' && cell.kind !== 'markdown') return `cell ${index + 1} is neither code nor Markdown`;
  if (!isString(cell.source)) return `cell ${index + 1} has no text`;
  return undefined;
}

function checkNotebook(notebook: unknown): string | undefined {
  if (!isObject(notebook)) return 'it has no notebook';
  if (!isString(notebook.title)) return 'its notebook has no title';
  if (!Array.isArray(notebook.cells)) return 'its notebook has no cells';
  for (const [i, cell] of notebook.cells.entries()) {
    const problem = checkCell(cell, i);
    if (problem) return problem;
  }
  if (!Array.isArray(notebook.files)) return 'its notebook has no file list';
  for (const file of notebook.files)
    if (!isObject(file) || !isString(file.path) || !isString(file.content)) return 'one of its files is not a path and a text';
  return undefined;
}

/** Check that a (migrated) record is a whole Variant; the reason it is not, or undefined. */
export function problemWith(record: Json): string | undefined {
  if (!isString(record.id) || record.id === '') return 'it has no id';
  if (!isString(record.name)) return 'it has no name';
  if (!isString(record.recipeSlug)) return 'it names no recipe';
  if (!isString(record.baseVersion)) return 'it has no recipe version';
  if (!isTime(record.createdAt) || !isTime(record.updatedAt)) return 'its dates are not valid';
  if (typeof record.revision !== 'number' || !Number.isInteger(record.revision) || record.revision < 1) return 'its revision is not valid';
  if (typeof record.draft !== 'boolean') return 'it is neither a draft nor named';
  return checkNotebook(record.notebook);
}

/** Read one stored value: migrate it, then validate it. Never throws. */
export function readVariant(value: unknown): ReadResult {
  if (!isObject(value)) return { ok: false, reason: 'it is not a Retort variant' };
  try {
    const { record, migrated } = migrate(value);
    const problem = problemWith(record);
    if (problem) return { ok: false, reason: problem };
    return { ok: true, variant: structuredClone(record) as unknown as Variant, migrated };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

/** A new random id, safe in a URL. */
export function newVariantId(): string {
  return `v${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** The id of a recipe's draft: one draft per recipe, so two tabs editing one recipe meet. */
export function draftId(recipeSlug: string): string {
  return `draft-${recipeSlug}`;
}

/** True when two notebooks hold the same text (cells and files, in order). */
export function sameNotebook(a: VariantNotebook, b: VariantNotebook): boolean {
  return JSON.stringify([a.title, a.cells, a.files]) === JSON.stringify([b.title, b.cells, b.files]);
}

/** A copy with a new id, its own name and revision 1; not a draft. */
export function copyVariant(variant: Variant, name: string, now: number): Variant {
  return { ...structuredClone(variant), id: newVariantId(), name, draft: false, revision: 1, createdAt: now, updatedAt: now };
}
