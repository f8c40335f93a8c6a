// The notebook file formats: reading, writing, and exact round trips where the format allows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError, formatOf, readNotebook, readNotebookFile } from '../../src/notebook/formats/index.ts';
import { parseIpynb, serializeIpynb } from '../../src/notebook/formats/ipynb.ts';
import { parsePercentScript, serializePercentScript } from '../../src/notebook/formats/percent-script.ts';
import { parseRecipeMarkdown, serializeRecipeMarkdown } from '../../src/notebook/formats/recipe-markdown.ts';
import type { Cell, Notebook } from '../../src/notebook/notebook.ts';

const shape = (cells: Cell[]): [string, string][] => cells.map((c) => [c.kind, c.source]);

describe('recipe Markdown', () => {
  const text = `---
slug: demo
title: Demo
---

# Demo

Some prose.

\`\`\`python
x = 1
\`\`\`

\`\`\`sql
SELECT 1
\`\`\`

More prose.

\`\`\`python
print(x)
\`\`\`

\`\`\`python file=helpers.py
def f():
    return 1
\`\`\`
`;

  it('turns prose into Markdown cells, python fences into code cells, file= fences into files', () => {
    const parsed = parseRecipeMarkdown(text);
    expect(parsed.frontMatter).toEqual({ slug: 'demo', title: 'Demo' });
    expect(shape(parsed.cells)).toEqual([
      ['markdown', '# Demo\n\nSome prose.'],
      ['code', 'x = 1'],
      ['markdown', '```sql\nSELECT 1\n```\n\nMore prose.'],
      ['code', 'print(x)'],
    ]);
    expect(parsed.files).toEqual([{ path: 'helpers.py', content: 'def f():\n    return 1\n' }]);
  });

  it('quotes a module path with a space so it reads back whole', () => {
    const nb: Notebook = { title: 't', cells: [], files: [{ path: 'my helpers.py', content: 'x = 1\n' }] };
    expect(parseRecipeMarkdown(serializeRecipeMarkdown(nb)).files).toEqual(nb.files);
  });

  it('keeps a fence inside a code cell by writing a longer fence', () => {
    const nb: Notebook = { title: 't', files: [], cells: [{ id: 'a', kind: 'code', source: 's = """\n```\n"""' }] };
    expect(shape(parseRecipeMarkdown(serializeRecipeMarkdown(nb)).cells)).toEqual([['code', 's = """\n```\n"""']]);
  });

  it('explains unclosed front matter and bad YAML', () => {
    expect(() => parseRecipeMarkdown('---\ntitle: x\n')).toThrow(/no closing "---"/);
    expect(() => parseRecipeMarkdown('---\ntitle: [x\n---\n')).toThrow(FormatError);
  });

  it('round-trips generated notebooks exactly', () => {
    const markdownLine = fc.stringMatching(/^[A-Za-z0-9 #*_.,é漢😀-]{1,30}$/).filter((s) => s.trim() !== '' && !s.startsWith('---'));
    const codeLine = fc.stringMatching(/^[ A-Za-z0-9=()+:"'é漢😀_.-]{0,30}$/);
    const cell = fc.oneof(
      fc.array(markdownLine, { minLength: 1, maxLength: 4 }).map((ls) => ({ kind: 'markdown' as const, source: ls.join('\n') })),
      fc.array(codeLine, { minLength: 1, maxLength: 6 }).map((ls) => ({ kind: 'code' as const, source: ls.join('\n') })),
    );
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 8 }), (cells) => {
        // Adjacent Markdown cells merge in Markdown; keep the generated ones apart with code.
        const kept = cells.filter((c, i) => !(c.kind === 'markdown' && cells[i - 1]?.kind === 'markdown'));
        const nb: Notebook = { title: 't', files: [], cells: kept.map((c, i) => ({ id: `${i}`, ...c })) };
        const back = parseRecipeMarkdown(serializeRecipeMarkdown(nb));
        expect(shape(back.cells)).toEqual(kept.map((c) => [c.kind, c.source]));
      }),
    );
  });
});

describe('percent scripts', () => {
  it('splits at # %% markers and uncomments Markdown cells', () => {
    const cells = parsePercentScript('# %% [markdown]\n# # Title\n#\n# Text\n\n# %%\nimport sys\n\n# %%\nprint(1)\n');
    expect(shape(cells)).toEqual([
      ['markdown', '# Title\n\nText'],
      ['code', 'import sys'],
      ['code', 'print(1)'],
    ]);
  });

  it('reads a plain script as one cell, its docstring as Markdown', () => {
    const cells = parsePercentScript('#!/usr/bin/env python\n"""Adjacency list.\n\nA tree in a table.\n"""\nimport sqlalchemy\n\nprint(1)\n');
    expect(shape(cells)).toEqual([
      ['markdown', 'Adjacency list.\n\nA tree in a table.'],
      ['code', 'import sqlalchemy\n\nprint(1)'],
    ]);
  });

  it('dedents an indented docstring and keeps comments above it, but not the shebang or coding line', () => {
    const script = '#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n# Copyright A. Person\n"""\n    Title\n\n    Body, indented.\n      More.\n    """\nx = 1\n';
    expect(shape(parsePercentScript(script))).toEqual([
      ['markdown', 'Title\n\nBody, indented.\n  More.'],
      ['code', '# Copyright A. Person\nx = 1'],
    ]);
  });

  it('does not take a commented cell magic or an inline "# %%" for a marker', () => {
    expect(shape(parsePercentScript('# %%time\nx = 1  # %%\n'))).toEqual([['code', '# %%time\nx = 1  # %%']]);
    expect(shape(parsePercentScript('#%% first\na\n# %%\nb\n'))).toEqual([
      ['code', 'a'],
      ['code', 'b'],
    ]);
  });

  it('reads a script without a docstring as one code cell', () => {

    expect(shape(parsePercentScript('x = 1\n'))).toEqual([['code', 'x = 1']]);
  });

  it('round-trips through serialize', () => {
    const nb: Notebook = {
      title: 't',
      files: [],
      cells: [
        { id: 'a', kind: 'markdown', source: '# Hello\n\nworld' },
        { id: 'b', kind: 'code', source: 'x = 1\n\ny = 2' },
      ],
    };
    expect(shape(parsePercentScript(serializePercentScript(nb)))).toEqual(shape(nb.cells));
  });
});

describe('ipynb', () => {
  it('reads nbformat 4 cells from lists of lines or strings, ignoring outputs', () => {
    const text = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# T\n', 'text'] },
        { cell_type: 'code', metadata: {}, source: 'x = 1', outputs: [{ output_type: 'stream', text: 'junk' }] },
      ],
    });
    expect(shape(parseIpynb(text))).toEqual([
      ['markdown', '# T\ntext'],
      ['code', 'x = 1'],
    ]);
  });

  it('gives clear messages for broken files', () => {
    expect(() => parseIpynb('{not json')).toThrow(/not valid JSON/);
    expect(() => parseIpynb('{"nbformat": 3, "cells": []}')).toThrow(/nbformat 3; only nbformat 4/);
    expect(() => parseIpynb('{"worksheets": []}')).toThrow(/no "cells" list/);
    expect(() => parseIpynb('{"nbformat": 3, "worksheets": [{"cells": []}]}')).toThrow(/nbformat 3; only nbformat 4/);
    expect(() => parseIpynb('[1, 2]')).toThrow(/JSON but not a Jupyter notebook/);
    expect(() => parseIpynb('{"cells": []}')).toThrow(/does not say it is nbformat 4/);
  });

  it('writes text outputs and round-trips sources', () => {
    const nb: Notebook = {
      title: 't',
      files: [],
      cells: [
        { id: 'a', kind: 'markdown', source: 'Hi' },
        { id: 'b', kind: 'code', source: 'print(1)\n1' },
      ],
    };
    const text = serializeIpynb(nb, { b: { executionCount: 1, stdout: '1\n', result: '1' } });
    const doc = JSON.parse(text) as { cells: { outputs?: { output_type: string }[] }[] };
    expect(doc.cells[1]?.outputs?.map((o) => o.output_type)).toEqual(['stream', 'execute_result']);
    expect(shape(parseIpynb(text))).toEqual(shape(nb.cells));
  });
});

describe('readNotebook', () => {
  it('chooses the format by file name', () => {
    expect(formatOf('a.ipynb')).toBe('ipynb');
    expect(formatOf('a.PY')).toBe('percent');
    expect(formatOf('a.md')).toBe('markdown');
    expect(() => readNotebook('a.txt', '')).toThrow(/not a notebook/);
  });

  it('names a Markdown notebook from a front-matter title that is not a whole recipe, and says why', () => {
    expect(readNotebook('a.md', '---\ntitle: My notes\n---\n\ntext\n').title).toBe('My notes');
    const read = readNotebookFile('a.md', '---\nslug: x\ntitle: T\n---\n');
    expect(read.notebook.recipe).toBeUndefined();
    expect(read.notes.join(' ')).toMatch(/not a complete recipe \(summary: missing/);
  });
});

describe('recipe front matter is read with YAML 1.2 core types only', () => {
  it('keeps a date-like or version-like value as text, never a Date', () => {
    const parsed = parseRecipeMarkdown('---\ntitle: 2024-01-01\nsqlalchemy: 2.0\ntags: [on, yes]\n---\n\n# Hi\n');
    expect(parsed.frontMatter).toEqual({ title: '2024-01-01', sqlalchemy: 2, tags: ['on', 'yes'] });
  });
});
