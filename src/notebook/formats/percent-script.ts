// Jupytext "percent" scripts: `# %%` starts a code cell, `# %% [markdown]` a Markdown cell whose
// lines are commented. A script without markers is one code cell, its docstring a Markdown cell.
import { makeCell, type Cell, type Notebook } from '../notebook.ts';
import { normaliseNewlines, trimBlankLines } from './text.ts';

const MARKER = /^# ?%%(.*)$/;

function uncomment(lines: string[]): string {
  return lines.map((l) => (l.startsWith('# ') ? l.slice(2) : l === '#' ? '' : l)).join('\n');
}

const DOCSTRING = /^(?:#![^\n]*\n)?(?:#[^\n]*\n|\s*\n)*?[rRuU]?("""|''')([\s\S]*?)\1[ \t]*(?:\n|$)/;

function plainScript(text: string): Cell[] {
  const cells: Cell[] = [];
  let code = text;
  const doc = DOCSTRING.exec(text);
  if (doc) {
    const markdown = trimBlankLines(doc[2] ?? '');
    if (markdown !== '') cells.push(makeCell('markdown', markdown));
    code = text.slice(doc[0].length);
  }
  const source = trimBlankLines(code);
  if (source !== '' || cells.length === 0) cells.push(makeCell('code', source));
  return cells;
}

/** Parse a percent-format (or plain) Python script into cells. */
export function parsePercentScript(input: string): Cell[] {
  const text = normaliseNewlines(input);
  const lines = text.split('\n');
  if (!lines.some((l) => MARKER.test(l))) return plainScript(text);
  const cells: Cell[] = [];
  let kind: 'code' | 'markdown' | null = null;
  let body: string[] = [];
  const flush = (): void => {
    if (kind === null) {
      // Text before the first marker (often a jupytext header): keep real code, drop comments-only.
      const source = trimBlankLines(body.join('\n'));
      if (source.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('#')))
        cells.push(makeCell('code', source));
    } else if (kind === 'markdown') cells.push(makeCell('markdown', trimBlankLines(uncomment(body))));
    else cells.push(makeCell('code', trimBlankLines(body.join('\n'))));
    body = [];
  };
  for (const line of lines) {
    const marker = MARKER.exec(line);
    if (marker) {
      flush();
      kind = /\[\s*(markdown|md)\s*\]/.test(marker[1] ?? '') ? 'markdown' : 'code';
    } else body.push(line);
  }
  flush();
  return cells;
}

/** Write a notebook as a percent-format script. */
export function serializePercentScript(notebook: Notebook): string {
  const parts = notebook.cells.map((cell) =>
    cell.kind === 'markdown'
      ? `# %% [markdown]\n${cell.source
          .split('\n')
          .map((l) => (l === '' ? '#' : `# ${l}`))
          .join('\n')}`
      : `# %%\n${cell.source}`,
  );
  return `${parts.join('\n\n')}\n`;
}
