// Jupytext "percent" scripts: `# %%` starts a code cell, `# %% [markdown]` a Markdown cell whose
// lines are commented. A script without markers is one code cell, its docstring a Markdown cell.
//
// What a percent script cannot carry, so a notebook -> script -> notebook trip loses it: module
// files; blank lines at the start and end of a cell (they separate cells); a line in a code cell
// that is itself a marker (`# %%`, `# %% title`), or a Markdown line that starts with `%%` and a
// space, because either reads back as a new cell; and a notebook with no cells, which reads back
// as one empty code cell.
import { makeCell, type Cell, type Notebook } from '../notebook.ts';
import { normaliseNewlines, trimBlankLines } from './text.ts';

// `# %%` or `#%%`, alone or followed by a space and a title. `# %%time` is not a marker: jupytext
// writes commented-out cell magics that way.
const MARKER = /^# ?%%(?:[ \t](.*))?$/;

function uncomment(lines: string[]): string {
  return lines.map((l) => (l.startsWith('# ') ? l.slice(2) : l === '#' ? '' : l)).join('\n');
}

// A module docstring: after an optional shebang, comments and blank lines, the first statement.
const DOCSTRING = /^((?:#![^\n]*\n)?(?:#[^\n]*\n|[ \t]*\n)*?)[rRuU]?("""|''')([\s\S]*?)\2[ \t]*(?:\n|$)/;
// Lines that only mean something to the interpreter that runs the file, not inside a notebook.
const INTERPRETER_LINE = /^#!|^#.*coding[:=]/;

// The docstring's text the way Python's inspect.cleandoc reads it: the first line as is, the
// rest without their common indentation, so an indented docstring is not a Markdown code block.
function cleanDocstring(doc: string): string {
  const [first = '', ...rest] = doc.split('\n');
  const indents = rest.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return trimBlankLines([first.trim(), ...rest.map((l) => l.slice(common).trimEnd())].join('\n'));
}

function plainScript(text: string): Cell[] {
  const cells: Cell[] = [];
  let code = text;
  const doc = DOCSTRING.exec(text);
  if (doc) {
    const markdown = cleanDocstring(doc[3] ?? '');
    if (markdown !== '') cells.push(makeCell('markdown', markdown));
    // Comments above the docstring (a licence, an author line) stay with the code.
    const comments = (doc[1] ?? '').split('\n').filter((l) => l.startsWith('#') && !INTERPRETER_LINE.test(l));
    code = [...comments, text.slice(doc[0].length)].join('\n');
  }
  const source = trimBlankLines(code);
  if (source !== '' || cells.length === 0) cells.push(makeCell('code', source));
  return cells;
}

/** True when the script has `# %%` cell markers, i.e. it is a notebook rather than a plain module. */
export function hasCellMarkers(input: string): boolean {
  return normaliseNewlines(input)
    .split('\n')
    .some((l) => MARKER.test(l));
}

/** Parse a percent-format (or plain) Python script into cells. */
export function parsePercentScript(input: string): Cell[] {
  const text = normaliseNewlines(input);
  if (!hasCellMarkers(text)) return plainScript(text);
  const lines = text.split('\n');
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
