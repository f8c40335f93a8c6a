// Opening notebooks from picked or dropped files and saving them: exact round trips where each
// format allows, one clear message for every bad file, and the rule for several files at once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FileProblemEvent, NotebookFileOpenEvent, fileOpenEvent } from '../../src/components/file-events.ts';
import { ipynbOutputsFromRuns } from '../../src/components/ipynb-outputs.ts';
import type { CellRun } from '../../src/components/cell-run.ts';
import {
  MAX_FILE_BYTES,
  MAX_FILES,
  fileNameFor,
  readNotebookFiles,
  saveNotebookAs,
  type FileInput,
  type FilesRead,
  type NotebookFormat,
} from '../../src/notebook/files.ts';
import type { Cell, CellKind, Notebook, RecipeMeta } from '../../src/notebook/notebook.ts';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const file = (name: string, text: string): FileInput => ({ name, bytes: encode(text) });
const shape = (cells: readonly Pick<Cell, 'kind' | 'source'>[]): [string, string][] => cells.map((c) => [c.kind, c.source]);

function opened(result: FilesRead): Extract<FilesRead, { ok: true }> {
  if (!result.ok) throw new Error(`expected a notebook, got: ${result.message}`);
  return result;
}

function problem(files: FileInput[]): string {
  const result = readNotebookFiles(files);
  if (result.ok) throw new Error('expected a problem, got a notebook');
  return result.message;
}

/** Save in a format, then open the saved file as a person would. */
function roundTrip(notebook: Notebook, format: NotebookFormat): Notebook {
  const saved = saveNotebookAs(notebook, format);
  return opened(readNotebookFiles([file(saved.fileName, saved.text)])).notebook;
}

const notebookOf = (cells: { kind: CellKind; source: string }[], extra: Partial<Notebook> = {}): Notebook => ({
  title: 'Generated',
  files: [],
  ...extra,
  cells: cells.map((c, i) => ({ id: `c${i}`, ...c })),
});

// Text a file can hold: any characters but NUL (binary) and CR (line endings are normalised).
const anyLine = fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => s.replace(/[\0\r\n]/g, ''));
// Lines that look like cell markers or fences without being one where they stand.
const trickyLine = fc.constantFrom(
  'x = "# %%"',
  '    # %%',
  '# %%time',
  '#%%%',
  '## %%',
  'x = 1  # %% [markdown]',
  '```',
  '````python',
  '~~~python',
  '```python file=x.py',
  '---',
  '"""not a docstring"""',
);
const line = fc.oneof({ arbitrary: anyLine, weight: 4 }, { arbitrary: trickyLine, weight: 1 });
const isBlank = (l: string | undefined): boolean => l === undefined || /^[ \t]*$/.test(l);
// Formats that separate cells with blank lines cannot keep blank lines at a cell's ends.
const trimmedLines = fc
  .array(line, { maxLength: 6 })
  .filter((ls) => ls.length === 0 || (!isBlank(ls[0]) && !isBlank(ls[ls.length - 1])))
  .map((ls) => ls.join('\n'));

describe('round trips', () => {
  it('.ipynb keeps every cell exactly, whatever its text', () => {
    const cell = fc.record({ kind: fc.constantFrom<CellKind>('code', 'markdown'), source: fc.string({ unit: 'binary' }) });
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 8 }), (cells) => {
        expect(shape(roundTrip(notebookOf(cells), 'ipynb').cells)).toEqual(shape(cells));
      }),
    );
  });

  it('.md keeps cells, module files, the title and recipe metadata', () => {
    const markdownLine = line.filter((l) => !/^(`{3,}|~{3,})/.test(l));
    const markdown = fc
      .array(markdownLine, { minLength: 1, maxLength: 5 })
      .map((ls) => ls.join('\n'))
      .filter((s) => s.trim() !== '' && !isBlank(s.split('\n')[0]) && !isBlank(s.split('\n').pop()));
    const code = fc.array(line, { maxLength: 6 }).map((ls) => ls.join('\n'));
    const cell = fc.oneof(
      markdown.map((source) => ({ kind: 'markdown' as const, source })),
      code.map((source) => ({ kind: 'code' as const, source })),
    );
    const moduleFile = fc.record({
      path: fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}(\/[a-z_]{1,4})?\.py$/),
      content: fc.array(line, { maxLength: 4 }).map((ls) => ls.map((l) => `${l}\n`).join('')),
    });
    const title = anyLine.map((s) => s.trim()).filter((s) => s !== '');
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 8 }), fc.uniqueArray(moduleFile, { selector: (f) => f.path, maxLength: 3 }), title, (cells, files, name) => {
        // Adjacent Markdown cells are one stretch of Markdown; keep the generated ones apart.
        const kept = cells.filter((c, i) => !(c.kind === 'markdown' && cells[i - 1]?.kind === 'markdown'));
        const back = roundTrip(notebookOf(kept, { files, title: name }), 'markdown');
        expect(shape(back.cells)).toEqual(shape(kept));
        expect(back.files).toEqual(files);
        expect(back.title).toBe(name);
      }),
    );
  });

  it('.md writes recipe front matter that reads back as the same recipe', () => {
    const recipe: RecipeMeta = {
      slug: 'demo-recipe',
      title: 'Demo: a recipe',
      summary: 'One line.',
      category: 'querying',
      tags: ['orm', 'sqlite'],
      sqlalchemy: '>=2.0.41,<2.1',
      docs: [{ title: 'Docs', url: 'https://docs.sqlalchemy.org/en/20/' }],
    };
    const notebook = notebookOf([{ kind: 'markdown', source: '# Demo' }, { kind: 'code', source: 'x = 1' }], { recipe, title: recipe.title });
    const saved = saveNotebookAs(notebook, 'markdown');
    expect(saved.text.startsWith('---\nslug: demo-recipe\ntitle:')).toBe(true);
    const back = roundTrip(notebook, 'markdown');
    expect(back.recipe).toEqual(recipe);
    expect(shape(back.cells)).toEqual(shape(notebook.cells));
  });

  it('.py keeps cell kinds and sources, up to blank lines at a cell\'s ends', () => {
    // A marker line in a code cell, or a Markdown line starting "%% ", would read back as a new cell.
    const noMarker = (s: string): boolean => s.split('\n').every((l) => !/^# ?%%(\s|$)/.test(l));
    const noPercents = (s: string): boolean => s.split('\n').every((l) => !/^%%(\s|$)/.test(l));
    const cell = fc.oneof(
      trimmedLines.filter(noPercents).map((source) => ({ kind: 'markdown' as const, source })),
      trimmedLines.filter(noMarker).map((source) => ({ kind: 'code' as const, source })),
    );
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 8 }), (cells) => {
        expect(shape(roundTrip(notebookOf(cells), 'percent').cells)).toEqual(shape(cells));
      }),
    );
  });

  it('says which formats leave the module files out', () => {
    const notebook = notebookOf([{ kind: 'code', source: 'import helpers' }], { files: [{ path: 'helpers.py', content: 'x = 1\n' }] });
    expect(saveNotebookAs(notebook, 'markdown').notes).toEqual([]);
    expect(saveNotebookAs(notebook, 'ipynb').notes.join(' ')).toMatch(/cannot carry module files, so "helpers.py" is not in "Generated.ipynb"\. Save as \.md/);
    expect(saveNotebookAs(notebook, 'percent').notes.join(' ')).toMatch(/A \.py script cannot carry module files/);
  });
});

describe('file names', () => {
  it('keeps the title where it can and replaces what file systems refuse', () => {
    expect(fileNameFor('Adjacency list: a tree', 'markdown')).toBe('Adjacency list- a tree.md');
    expect(fileNameFor('a/b\\c*?"<>|d', 'percent')).toBe('a-b-c-d.py');
    expect(fileNameFor('  ..hidden.  ', 'ipynb')).toBe('hidden.ipynb');
    expect(fileNameFor('', 'markdown')).toBe('notebook.md');
    expect(fileNameFor('CON', 'markdown')).toBe('CON-notebook.md');
    expect(fileNameFor('漢字 😀', 'markdown')).toBe('漢字 😀.md');
    expect(Array.from(fileNameFor('x'.repeat(300), 'ipynb'))).toHaveLength(80 + '.ipynb'.length);
  });

  it('gives a .py notebook its title back through the file name', () => {
    const back = roundTrip(notebookOf([{ kind: 'code', source: 'x = 1' }], { title: 'My notes, v2' }), 'percent');
    expect(back.title).toBe('My notes, v2');
  });
});

describe('bad files', () => {
  const corpus: [string, FileInput[], RegExp][] = [
    ['nothing chosen', [], /No file was chosen\. Pick or drop a \.py script/],
    ['unknown extension', [file('data.csv', 'a,b\n')], /"data.csv" cannot be opened: open a \.py script, a \.ipynb notebook or a \.md recipe\.$/],
    ['binary', [{ name: 'x.py', bytes: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 1]) }], /"x.py" is a binary file, not text \(it contains NUL bytes\)/],
    ['not UTF-8', [{ name: 'x.py', bytes: new Uint8Array([0x78, 0x20, 0x3d, 0x20, 0xe9, 0x0a]) }], /"x.py" is not UTF-8 text\. Save it as UTF-8/],
    ['UTF-16', [{ name: 'x.md', bytes: new Uint8Array([0xff, 0xfe, 0x23, 0x00]) }], /"x.md" is UTF-16 text; only UTF-8/],
    ['too large', [{ name: 'big.ipynb', bytes: new Uint8Array(MAX_FILE_BYTES + 1) }], /"big.ipynb" is 5.1 MB; files of up to 5 MB can be opened\. Clear its outputs/],
    ['too large together', [1, 2, 3].map((n) => ({ name: `m${n}.py`, bytes: new Uint8Array(4 * 1024 * 1024) })), /These files come to 12 MB; up to 10 MB can be opened at once\. Drop fewer files\./],
    ['too many files', Array.from({ length: MAX_FILES + 1 }, (_, n) => file(`m${n}.py`, '')), /51 files is too many to open at once/],
    ['empty notebook file', [file('a.ipynb', '  \n')], /"a.ipynb" is empty/],
    ['.ipynb that is not JSON', [file('a.ipynb', '{"cells": [')], /"a.ipynb" could not be opened\. This \.ipynb file is not valid JSON .*Download or export it again\./],
    ['JSON that is not a notebook', [file('a.ipynb', '[1, 2, 3]')], /"a.ipynb" could not be opened\. This \.ipynb file is JSON but not a Jupyter notebook/],
    ['JSON without cells', [file('a.ipynb', '{"metadata": {}}')], /"a.ipynb" could not be opened\. This \.ipynb file has no "cells" list/],
    ['nbformat 3', [file('old.ipynb', '{"nbformat": 3, "nbformat_minor": 0, "worksheets": [{"cells": []}]}')], /"old.ipynb" could not be opened\. This notebook is nbformat 3; only nbformat 4 can be opened\. Open it in Jupyter and save it again/],
    ['a cell that is not text', [file('a.ipynb', '{"nbformat": 4, "cells": [{"cell_type": "code", "source": 5}]}')], /"a.ipynb" could not be opened\. A cell's "source" is neither text/],
    ['unclosed front matter', [file('r.md', '---\ntitle: x\n\n# R\n')], /"r.md" could not be opened\. The front matter that starts on line 1 has no closing "---" line/],
    ['front matter that is not YAML', [file('r.md', '---\ntitle: [x\n---\n')], /"r.md" could not be opened\. The front matter is not valid YAML/],
    ['two notebooks', [file('a.md', '# A\n'), file('b.ipynb', '{}'), file('h.py', '')], /"a.md", "b.ipynb" are both notebooks; open one notebook at a time/],
    ['several scripts, none marked', [file('a.py', 'x = 1'), file('b.py', 'y = 2')], /Which of "a.py", "b.py" is the notebook\? Open the main script on its own, or mark its cells with "# %%"/],
    ['several scripts, all marked', [file('a.py', '# %%\nx'), file('b.py', '# %%\ny'), file('c.py', '# %%\nz')], /"a.py", "b.py", "c.py" all have "# %%" cell markers/],
    ['an unknown file among modules', [file('nb.md', '# A\n'), file('notes.txt', 'x')], /"notes.txt" cannot be opened: .* Drop only the notebook and the \.py modules it imports\./],
    ['the same name twice', [file('nb.md', '# A\n'), file('dir1/h.py', ''), file('dir2/h.py', '')], /Two files are named "h.py"/],
  ];

  it.each(corpus)('%s', (_, files, message) => {
    expect(problem(files)).toMatch(message);
  });

  it('never throws, whatever the bytes and names', () => {
    const name = fc.constantFrom('a.py', 'b.ipynb', 'c.md', 'd.txt', 'e.PY', 'f.markdown', '');
    const input = fc.record({ name, bytes: fc.uint8Array({ maxLength: 200 }) });
    fc.assert(
      fc.property(fc.array(input, { maxLength: 4 }), (files) => {
        const result = readNotebookFiles(files);
        if (!result.ok) expect(result.message.length).toBeGreaterThan(20);
      }),
    );
  });
});

describe('several files at once', () => {
  it('opens the .md as the notebook and the .py files as its modules', () => {
    const result = opened(readNotebookFiles([file('helpers.py', 'def f():\n    return 1\n'), file('nb.md', '# N\n\n```python\nimport helpers\n```\n'), file('models.py', 'M = 1\n')]));
    expect(shape(result.notebook.cells)).toEqual([['markdown', '# N'], ['code', 'import helpers']]);
    expect(result.notebook.files).toEqual([
      { path: 'helpers.py', content: 'def f():\n    return 1\n' },
      { path: 'models.py', content: 'M = 1\n' },
    ]);
    expect(result.notes[0]).toBe('Opened "nb.md" with the modules "helpers.py", "models.py".');
  });

  it('opens an .ipynb with its modules', () => {
    const nb = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'code', source: 'import h', metadata: {} }] });
    const result = opened(readNotebookFiles([file('h.py', 'x = 1\n'), file('nb.ipynb', nb)]));
    expect(result.notebook.title).toBe('nb');
    expect(result.notebook.files.map((f) => f.path)).toEqual(['h.py']);
  });

  it('among .py files, takes the one with cell markers as the notebook', () => {
    const result = opened(readNotebookFiles([file('helpers.py', '"""Helpers."""\nx = 1\n'), file('main.py', '# %%\nimport helpers\n')]));
    expect(result.notebook.title).toBe('main');
    expect(shape(result.notebook.cells)).toEqual([['code', 'import helpers']]);
    expect(result.notebook.files).toEqual([{ path: 'helpers.py', content: '"""Helpers."""\nx = 1\n' }]);
  });

  it('opens a lone plain script as one cell with its docstring as Markdown', () => {
    const result = opened(readNotebookFiles([file('tree.py', '"""A tree.\n\nIn a table.\n"""\nimport sqlalchemy\n')]));
    expect(shape(result.notebook.cells)).toEqual([['markdown', 'A tree.\n\nIn a table.'], ['code', 'import sqlalchemy']]);
    expect(result.notes).toEqual([]);
  });

  it('lets a dropped module replace the one of the same name inside a .md, and says so', () => {
    const md = '# N\n\n```python file=helpers.py\nold = 1\n```\n';
    const result = opened(readNotebookFiles([file('nb.md', md), file('helpers.py', 'new = 1\n')]));
    expect(result.notebook.files).toEqual([{ path: 'helpers.py', content: 'new = 1\n' }]);
    expect(result.notes.join(' ')).toMatch(/"helpers.py" replaces the module of that name inside "nb.md"/);
  });

  it('warns about a module whose name cannot be imported', () => {
    const result = opened(readNotebookFiles([file('nb.md', '# N\n'), file('my helpers.py', 'x = 1\n')]));
    expect(result.notes.join(' ')).toMatch(/"my helpers.py" cannot be imported by that name/);
  });

  it('drops a UTF-8 byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encode('# %%\nx = 1\n')]);
    expect(shape(opened(readNotebookFiles([{ name: 'a.py', bytes }])).notebook.cells)).toEqual([['code', 'x = 1']]);
  });
});

describe('reading File objects into events', () => {
  it('makes an open event with the notebook, the notes and the file names', async () => {
    const event = await fileOpenEvent([new File(['# %%\nimport h\n'], 'nb.py'), new File(['x = 1\n'], 'h.py')]);
    expect(event).toBeInstanceOf(NotebookFileOpenEvent);
    const open = event as NotebookFileOpenEvent;
    expect(open.type).toBe('retort-notebook-file-open');
    expect(open.bubbles && open.composed).toBe(true);
    expect(open.fileNames).toEqual(['nb.py', 'h.py']);
    expect(open.notebook.files.map((f) => f.path)).toEqual(['h.py']);
  });

  it('makes a problem event for a bad file', async () => {
    const event = await fileOpenEvent([new File(['{'], 'a.ipynb')]);
    expect(event).toBeInstanceOf(FileProblemEvent);
    expect((event as FileProblemEvent).message).toMatch(/"a.ipynb" could not be opened/);
  });
});

describe('outputs of the last run in a saved .ipynb', () => {
  const run = (over: Partial<CellRun>): CellRun => ({ phase: 'done', epoch: 0, source: '', streams: [], ...over });
  const result = { cellId: '', status: 'ok' as const, sql: [], durationMs: 1, notices: [] };

  it('keeps streams in order, the result text and the traceback; leaves out a cell still running', () => {
    const runs = new Map<string, CellRun>([
      ['a', run({ count: 1, streams: [{ name: 'stdout', text: 'one\n' }, { name: 'stderr', text: 'warn\n' }, { name: 'stdout', text: 'two\n' }], result: { ...result, display: { text: '42' } } })],
      ['b', run({ count: 2, result: { ...result, status: 'error', error: { type: 'ValueError', message: 'bad', frames: [], text: 'Traceback:\n  cell 2, line 1\nValueError: bad' } } })],
      ['c', run({ phase: 'running', count: 3, streams: [{ name: 'stdout', text: 'partial' }] })],
    ]);
    const outputs = ipynbOutputsFromRuns(runs);
    expect(Object.keys(outputs)).toEqual(['a', 'b']);
    const notebook: Notebook = { title: 'Out', files: [], cells: [{ id: 'a', kind: 'code', source: 'x' }, { id: 'b', kind: 'code', source: 'y' }, { id: 'c', kind: 'code', source: 'z' }] };
    const doc = JSON.parse(saveNotebookAs(notebook, 'ipynb', outputs).text) as {
      cells: { execution_count: number | null; outputs: Record<string, unknown>[] }[];
    };
    const [a, b, c] = doc.cells;
    expect(a?.execution_count).toBe(1);
    expect(a?.outputs).toEqual([
      { output_type: 'stream', name: 'stdout', text: ['one\n'] },
      { output_type: 'stream', name: 'stderr', text: ['warn\n'] },
      { output_type: 'stream', name: 'stdout', text: ['two\n'] },
      { output_type: 'execute_result', execution_count: 1, data: { 'text/plain': ['42'] }, metadata: {} },
    ]);
    expect(b?.outputs).toEqual([{ output_type: 'error', ename: 'ValueError', evalue: 'bad', traceback: ['Traceback:', '  cell 2, line 1', 'ValueError: bad'] }]);
    expect(c?.outputs).toEqual([]);
    expect(c?.execution_count).toBeNull();
  });
});
