// Jupyter notebooks, nbformat 4. Outputs are ignored on reading; text outputs can be written.
import { makeCell, type Cell, type Notebook } from '../notebook.ts';
import { FormatError } from './recipe-markdown.ts';

interface IpynbCell {
  cell_type: string;
  source: string | string[];
  metadata?: Record<string, unknown>;
  outputs?: unknown[];
  execution_count?: number | null;
}

function joinSource(source: unknown): string {
  if (typeof source === 'string') return source;
  if (Array.isArray(source) && source.every((s) => typeof s === 'string')) return source.join('');
  throw new FormatError('A cell\'s "source" is neither text nor a list of lines.');
}

/** Read an .ipynb file's text into cells. */
export function parseIpynb(text: string): Cell[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FormatError(
      `This .ipynb file is not valid JSON (${(error as Error).message}); it may be cut short or not a notebook at all. Download or export it again.`,
    );
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new FormatError('This .ipynb file is JSON but not a Jupyter notebook (a notebook is one object with a "cells" list).');
  // The version comes first: an nbformat 3 notebook has "worksheets" instead of "cells", and
  // saying which version it is helps more than saying that cells are missing.
  const nbformat = (data as { nbformat?: unknown }).nbformat;
  if (typeof nbformat === 'number' && nbformat !== 4)
    throw new FormatError(
      `This notebook is nbformat ${nbformat}; only nbformat 4 can be opened. Open it in Jupyter and save it again, which writes nbformat 4.`,
    );
  if (!Array.isArray((data as { cells?: unknown }).cells))
    throw new FormatError('This .ipynb file has no "cells" list; it is not a Jupyter notebook.');
  if (nbformat !== 4)
    throw new FormatError(`This notebook does not say it is nbformat 4 (its "nbformat" is ${JSON.stringify(nbformat) ?? 'missing'}). Open it in Jupyter and save it again.`);
  return ((data as { cells: IpynbCell[] }).cells).map((cell, index) => {
    if (typeof cell !== 'object' || cell === null) throw new FormatError(`Cell ${index + 1} is not an object.`);
    const source = joinSource(cell.source);
    return makeCell(cell.cell_type === 'code' ? 'code' : 'markdown', source);
  });
}

/** Text outputs of a code cell's last run, keyed by cell id, for writing into the file. */
export interface CellOutputs {
  executionCount?: number;
  /** Stream output in the order it was written; when given, `stdout` and `stderr` are not used. */
  streams?: { name: 'stdout' | 'stderr'; text: string }[];
  stdout?: string;
  stderr?: string;
  result?: string;
  error?: { type: string; message: string; traceback: string };
}

function lines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

/** Write a notebook as nbformat 4.5 JSON, with text outputs where given. */
export function serializeIpynb(notebook: Notebook, outputs: Record<string, CellOutputs> = {}): string {
  const cells = notebook.cells.map((cell) => {
    if (cell.kind === 'markdown') return { cell_type: 'markdown', id: cell.id, metadata: {}, source: lines(cell.source) };
    const out = outputs[cell.id];
    const rendered: unknown[] = [];
    const streams = out?.streams ?? [
      { name: 'stdout', text: out?.stdout ?? '' },
      { name: 'stderr', text: out?.stderr ?? '' },
    ];
    for (const stream of streams)
      if (stream.text) rendered.push({ output_type: 'stream', name: stream.name, text: lines(stream.text) });
    if (out?.result !== undefined)
      rendered.push({
        output_type: 'execute_result',
        execution_count: out.executionCount ?? null,
        data: { 'text/plain': lines(out.result) },
        metadata: {},
      });
    if (out?.error)
      rendered.push({
        output_type: 'error',
        ename: out.error.type,
        evalue: out.error.message,
        traceback: out.error.traceback.split('\n'),
      });
    return {
      cell_type: 'code',
      id: cell.id,
      metadata: {},
      execution_count: out?.executionCount ?? null,
      outputs: rendered,
      source: lines(cell.source),
    };
  });
  const doc = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
      language_info: { name: 'python' },
    },
    cells,
  };
  return `${JSON.stringify(doc, null, 1)}\n`;
}
