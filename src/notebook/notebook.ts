// The notebook model: plain data and pure operations. No Lit, no CodeMirror, no storage.
import type { NotebookFile } from '../protocol/runtime-api.ts';

export type { NotebookFile };

/** What kind of cell: code runs in Python, markdown is rendered. */
export type CellKind = 'code' | 'markdown';

/** One cell of a notebook. */
export interface Cell {
  /** Stable within a notebook; survives edits and moves. */
  id: string;
  kind: CellKind;
  source: string;
}

/** A link to the SQLAlchemy documentation a recipe illustrates. */
export interface DocLink {
  title: string;
  url: string;
}

/** Metadata a recipe carries in its front matter. */
export interface RecipeMeta {
  slug: string;
  title: string;
  summary: string;
  category: string;
  tags: string[];
  /** The SQLAlchemy version range the recipe was checked with, e.g. `>=2.0.41,<2.1`. */
  sqlalchemy: string;
  docs: DocLink[];
}

/** A notebook: ordered cells plus the module files its cells may import. */
export interface Notebook {
  title: string;
  cells: Cell[];
  files: NotebookFile[];
  /** Present when the notebook came from (or is a variant of) a recipe. */
  recipe?: RecipeMeta;
}

let counter = 0;

/** A short id unique within this page's lifetime; ids only need to be unique within a notebook. */
export function newCellId(): string {
  counter += 1;
  return `c${Date.now().toString(36)}${counter.toString(36)}`;
}

/** Make a cell with a fresh id. */
export function makeCell(kind: CellKind, source: string): Cell {
  return { id: newCellId(), kind, source };
}

/** The code cells in order, each with the 1-based label used in tracebacks (`cell 3`). */
export function codeCells(notebook: Notebook): { cell: Cell; label: string }[] {
  const out: { cell: Cell; label: string }[] = [];
  notebook.cells.forEach((cell, index) => {
    if (cell.kind === 'code') out.push({ cell, label: `cell ${index + 1}` });
  });
  return out;
}
