// Recipe Markdown: YAML front matter, prose as Markdown cells, ```python fences as code cells,
// and ```python file=NAME fences as extra module files.
//
// What Markdown cannot carry, so a notebook -> .md -> notebook trip changes it: adjacent Markdown
// cells merge into one; blank lines at the start and end of a Markdown cell, and Markdown cells
// of only whitespace, are dropped; a Markdown cell holding a ```python fence reads back as code;
// a module file gains a final newline; a module path with a double quote cannot be written.
import { CORE_SCHEMA, dump, load } from 'js-yaml';

// YAML 1.2's core schema: strings, numbers, booleans and null, never dates or other types, so a
// title such as 2024-01-01 stays text.
const parseYaml = (text: string): unknown => load(text, { schema: CORE_SCHEMA });
const stringifyYaml = (value: unknown): string => dump(value, { schema: CORE_SCHEMA, lineWidth: -1 });
import { makeCell, type Cell, type Notebook, type NotebookFile } from '../notebook.ts';
import { normaliseNewlines, trimBlankLines } from './text.ts';

/** What reading a recipe Markdown file yields before its metadata is checked. */
export interface ParsedMarkdown {
  /** The front matter as parsed YAML, or undefined when the file has none. */
  frontMatter: unknown;
  cells: Cell[];
  files: NotebookFile[];
}

/** Raised for text that cannot be read as recipe Markdown at all. */
export class FormatError extends Error {
  override name = 'FormatError';
}

const FENCE_OPEN = /^(`{3,}|~{3,})[ \t]*([\w+-]*)(.*)$/;

function splitFrontMatter(text: string): { yaml: string | undefined; body: string } {
  if (!text.startsWith('---\n')) return { yaml: undefined, body: text };
  const end = text.indexOf('\n---', 4);
  if (end === -1) throw new FormatError('The front matter that starts on line 1 has no closing "---" line.');
  const after = text.indexOf('\n', end + 4);
  return { yaml: text.slice(4, end + 1), body: after === -1 ? '' : text.slice(after + 1) };
}

/** Parse recipe Markdown text into cells and files. Front matter is returned unchecked. */
export function parseRecipeMarkdown(input: string): ParsedMarkdown {
  const text = normaliseNewlines(input);
  const { yaml, body } = splitFrontMatter(text);
  let frontMatter: unknown;
  if (yaml !== undefined) {
    try {
      frontMatter = parseYaml(yaml);
    } catch (error) {
      throw new FormatError(`The front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  const cells: Cell[] = [];
  const files: NotebookFile[] = [];
  let prose: string[] = [];
  const flushProse = (): void => {
    const source = trimBlankLines(prose.join('\n'));
    if (source.trim() !== '') cells.push(makeCell('markdown', source));
    prose = [];
  };
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const open = FENCE_OPEN.exec(line);
    if (!open) {
      prose.push(line);
      continue;
    }
    const fence = open[1] ?? '```';
    const lang = (open[2] ?? '').toLowerCase();
    const fileMatch = /\bfile=("([^"]+)"|(\S+))/.exec(open[3] ?? '');
    const closeAt = lines.findIndex(
      (l, j) => j > i && l.trimEnd().startsWith(fence[0]!.repeat(fence.length)) && /^(`{3,}|~{3,})\s*$/.test(l.trimEnd()),
    );
    const end = closeAt === -1 ? lines.length : closeAt;
    const content = lines.slice(i + 1, end).join('\n');
    if (lang === 'python' || lang === 'py') {
      flushProse();
      const path = fileMatch?.[2] ?? fileMatch?.[3];
      // A module's lines between the fences, each ending in a newline; no lines is an empty file.
      if (path) files.push({ path, content: end === i + 1 ? '' : `${content}\n` });
      else cells.push(makeCell('code', content));
    } else {
      prose.push(...lines.slice(i, Math.min(end + 1, lines.length)));
    }
    i = end;
  }
  flushProse();
  return { frontMatter, cells, files };
}

function longestFence(source: string): string {
  const runs = source.match(/`{3,}/g) ?? [];
  const longest = runs.reduce((n, r) => Math.max(n, r.length), 2);
  return '`'.repeat(longest + 1);
}

/** Write a notebook as recipe Markdown; `frontMatter` is written first when given. */
export function serializeRecipeMarkdown(notebook: Notebook, frontMatter?: unknown): string {
  const parts: string[] = [];
  if (frontMatter !== undefined) parts.push(`---\n${stringifyYaml(frontMatter).trimEnd()}\n---`);
  for (const cell of notebook.cells) {
    if (cell.kind === 'markdown') parts.push(cell.source);
    else {
      const fence = longestFence(cell.source);
      parts.push(`${fence}python\n${cell.source}\n${fence}`);
    }
  }
  for (const file of notebook.files) {
    const fence = longestFence(file.content);
    // A path with a space is quoted so the reader takes all of it; a path with a quote cannot be written.
    const path = /\s/.test(file.path) ? `"${file.path}"` : file.path;
    const body = file.content === '' ? '' : `${file.content.replace(/\n$/, '')}\n`;
    parts.push(`${fence}python file=${path}\n${body}${fence}`);
  }
  return `${parts.join('\n\n')}\n`;
}
