// Open a notebook from a file's name and text, whatever its format.
import type { Notebook } from '../notebook.ts';
import { parseIpynb } from './ipynb.ts';
import { parsePercentScript } from './percent-script.ts';
import { FormatError, parseRecipeMarkdown } from './recipe-markdown.ts';
import { readRecipeMeta } from '../recipe-meta.ts';

export { FormatError };

/** The file formats a notebook can be read from and written to. */
export type NotebookFormat = 'markdown' | 'percent' | 'ipynb';

/** Which format a file name implies, or undefined. */
export function formatOf(fileName: string): NotebookFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.ipynb')) return 'ipynb';
  if (lower.endsWith('.py')) return 'percent';
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  return undefined;
}

function titleFromName(fileName: string): string {
  const base = fileName.split('/').pop() ?? fileName;
  return base.replace(/\.[^.]+$/, '');
}

/** Read a notebook from a file. Recipe metadata is kept when the front matter is a valid recipe's. */
export function readNotebook(fileName: string, text: string): Notebook {
  const format = formatOf(fileName);
  if (format === undefined)
    throw new FormatError(`"${fileName}" is not a notebook: open a .md recipe, a .py script or a .ipynb notebook.`);
  if (format === 'ipynb') return { title: titleFromName(fileName), cells: parseIpynb(text), files: [] };
  if (format === 'percent') return { title: titleFromName(fileName), cells: parsePercentScript(text), files: [] };
  const parsed = parseRecipeMarkdown(text);
  const meta = parsed.frontMatter === undefined ? undefined : readRecipeMeta(parsed.frontMatter);
  const recipe = meta?.ok ? meta.value : undefined;
  return { title: recipe?.title ?? titleFromName(fileName), cells: parsed.cells, files: parsed.files, recipe };
}
