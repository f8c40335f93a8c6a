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

/** A notebook read from a file, and what the person should know about how it was read. */
export interface NotebookRead {
  notebook: Notebook;
  notes: string[];
}

/**
 * Read a notebook from a file, saying what was not kept. Recipe metadata is kept when the front
 * matter is a valid recipe's; otherwise a `title` in the front matter still names the notebook.
 * Throws FormatError for text that is not a notebook in the format its name implies.
 */
export function readNotebookFile(fileName: string, text: string): NotebookRead {
  const format = formatOf(fileName);
  if (format === undefined)
    throw new FormatError(`"${fileName}" is not a notebook: open a .md recipe, a .py script or a .ipynb notebook.`);
  if (format === 'ipynb') return { notebook: { title: titleFromName(fileName), cells: parseIpynb(text), files: [] }, notes: [] };
  if (format === 'percent')
    return { notebook: { title: titleFromName(fileName), cells: parsePercentScript(text), files: [] }, notes: [] };
  const parsed = parseRecipeMarkdown(text);
  const notes: string[] = [];
  const meta = parsed.frontMatter === undefined ? undefined : readRecipeMeta(parsed.frontMatter);
  const recipe = meta?.ok ? meta.value : undefined;
  const front = parsed.frontMatter as { title?: unknown; slug?: unknown } | null | undefined;
  // Front matter with a slug means to be a recipe's; say why it was not taken as one.
  if (meta && !meta.ok && typeof front === 'object' && front !== null && 'slug' in front)
    notes.push(`Its front matter is not a complete recipe (${meta.errors.slice(0, 3).join('; ')}), so it opened without the recipe's details.`);
  const title = recipe?.title ?? (typeof front?.title === 'string' && front.title.trim() !== '' ? front.title.trim() : titleFromName(fileName));
  return { notebook: { title, cells: parsed.cells, files: parsed.files, recipe }, notes };
}

/** Read a notebook from a file (see readNotebookFile); throws FormatError. */
export function readNotebook(fileName: string, text: string): Notebook {
  return readNotebookFile(fileName, text).notebook;
}
