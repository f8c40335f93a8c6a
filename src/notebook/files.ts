// Notebooks from the files a person picked or dropped, and a notebook saved as a file. Pure: names
// and bytes in, a notebook or one message out; nothing here throws, because a file is untrusted.
//
// Which file is the notebook when several arrive together:
//   1. every file must be a .py, .ipynb or .md (.markdown); anything else is refused;
//   2. at most one .ipynb or .md: if there is one, it is the notebook and every .py is a module;
//   3. only .py files: a single file is the notebook (a plain script becomes one cell); among
//      several, the one with `# %%` cell markers is the notebook and the rest are modules; none or
//      more than one with markers is refused, saying what to drop.
// A module's path is its file name: folders are not kept (browsers hand over bare names), so a
// package with relative imports travels inside a .md as ```python file=pkg/mod.py fences.
//
// What each format keeps on a notebook -> file -> notebook trip (the formats' headers list the
// details): .md keeps cells, module files, the title and recipe metadata; .ipynb keeps cells
// exactly, but not module files, the recipe or (beyond the file name) the title; a .py script
// keeps cells up to the blank lines at their ends, and nothing else. Saving says so in its notes.
import type { Notebook, NotebookFile, RecipeMeta } from './notebook.ts';
import { FormatError, formatOf, readNotebookFile, type NotebookFormat } from './formats/index.ts';
import { serializeIpynb, type CellOutputs } from './formats/ipynb.ts';
import { hasCellMarkers, serializePercentScript } from './formats/percent-script.ts';
import { serializeRecipeMarkdown } from './formats/recipe-markdown.ts';

export type { CellOutputs, NotebookFormat };

/** The largest single file that can be opened. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** The most bytes that can be opened in one go, all files together. */
export const MAX_TOTAL_BYTES = 10 * 1024 * 1024;
/** The most files that can be opened in one go. */
export const MAX_FILES = 50;
/** The `accept` list for a file picker. */
export { FILE_ACCEPT } from './file-kinds.ts';

/** A file as the browser hands it over: its name and its bytes. */
export interface FileInput {
  name: string;
  bytes: Uint8Array;
}

/** What opening files gave: one notebook (with lines worth telling the person), or why not. */
export type FilesRead = { ok: true; notebook: Notebook; notes: string[] } | { ok: false; message: string };

/** A notebook written out, ready to download. */
export interface SavedFile {
  fileName: string;
  mimeType: string;
  text: string;
  /** What the file does not carry (module files, recipe details), for the person. */
  notes: string[];
}

const KINDS = 'a .py script, a .ipynb notebook or a .md recipe';

// Rounded up, so a file just over the cap never reads as the cap itself.
function megabytes(bytes: number): string {
  return `${Math.ceil((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

const quoted = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ');

/**
 * Check sizes before reading anything, so a huge file is refused without loading it. Returns the
 * message for the first problem, or undefined. Takes File objects as they are (`size`).
 */
export function checkFileSizes(files: readonly { name: string; size: number }[]): string | undefined {
  if (files.length === 0) return `No file was chosen. Pick or drop ${KINDS}.`;
  if (files.length > MAX_FILES)
    return `${files.length} files is too many to open at once (at most ${MAX_FILES}). Drop one notebook and the .py modules it imports.`;
  for (const file of files) {
    if (file.size <= MAX_FILE_BYTES) continue;
    const advice =
      formatOf(file.name) === 'ipynb'
        ? 'Clear its outputs in Jupyter (Edit, Clear Outputs of All Cells), save it and open it again.'
        : 'Split it into smaller files.';
    return `"${file.name}" is ${megabytes(file.size)}; files of up to ${megabytes(MAX_FILE_BYTES)} can be opened. ${advice}`;
  }
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > MAX_TOTAL_BYTES)
    return `These files come to ${megabytes(total)}; up to ${megabytes(MAX_TOTAL_BYTES)} can be opened at once. Drop fewer files.`;
  return undefined;
}

type Decoded = { ok: true; text: string } | { ok: false; message: string };

function decode(file: FileInput): Decoded {
  const b = file.bytes;
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))
    return { ok: false, message: `"${file.name}" is UTF-16 text; only UTF-8 can be opened. Save it as UTF-8 in your editor and open it again.` };
  if (b.includes(0))
    return { ok: false, message: `"${file.name}" is a binary file, not text (it contains NUL bytes). Open ${KINDS} saved as text.` };
  try {
    // A UTF-8 byte order mark is dropped by the decoder.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(b) };
  } catch {
    return { ok: false, message: `"${file.name}" is not UTF-8 text. Save it as UTF-8 in your editor and open it again.` };
  }
}

const baseName = (name: string): string => name.split(/[\\/]/).pop() ?? name;

/** Open one notebook, with its modules, from the files a person picked or dropped together. */
export function readNotebookFiles(files: readonly FileInput[]): FilesRead {
  const sizeProblem = checkFileSizes(files.map((f) => ({ name: f.name, size: f.bytes.length })));
  if (sizeProblem) return { ok: false, message: sizeProblem };
  const several = files.length > 1;
  const names = files.map((f) => baseName(f.name));
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) return { ok: false, message: `Two files are named "${twice}". Drop files with different names.` };
  const unknown = files.find((f) => formatOf(f.name) === undefined);
  if (unknown)
    return {
      ok: false,
      message: `"${unknown.name}" cannot be opened: open ${KINDS}.${several ? ' Drop only the notebook and the .py modules it imports.' : ''}`,
    };
  const texts: { file: FileInput; text: string }[] = [];
  for (const file of files) {
    const decoded = decode(file);
    if (!decoded.ok) return decoded;
    texts.push({ file, text: decoded.text });
  }
  const chosen = chooseNotebook(texts);
  if (!chosen.ok) return chosen;
  const { file, text } = chosen.main;
  if (text.trim() === '') return { ok: false, message: `"${file.name}" is empty; there is no notebook in it.` };
  const read = parseNotebook(file.name, text);
  if (!read.ok) return read;
  const { notebook } = read;
  const notes = [...read.notes];
  const modules = texts.filter((t) => t !== chosen.main);
  const moduleFiles: NotebookFile[] = [...notebook.files];
  for (const module of modules) {
    const path = baseName(module.file.name);
    const at = moduleFiles.findIndex((f) => f.path === path);
    if (at !== -1) {
      notes.push(`"${path}" replaces the module of that name inside "${file.name}".`);
      moduleFiles.splice(at, 1);
    }
    moduleFiles.push({ path, content: module.text });
    if (!/^[\p{L}_][\p{L}\p{N}_]*\.py$/u.test(path))
      notes.push(`"${path}" cannot be imported by that name (a module name is letters, digits and underscores); rename it if a cell imports it.`);
  }
  if (modules.length > 0)
    notes.unshift(`Opened "${file.name}" with ${modules.length === 1 ? 'the module' : 'the modules'} ${quoted(modules.map((m) => baseName(m.file.name)))}.`);
  return { ok: true, notebook: { ...notebook, files: moduleFiles }, notes };
}

function parseNotebook(name: string, text: string): FilesRead {
  try {
    return { ok: true, ...readNotebookFile(name, text) };
  } catch (error) {
    const why = error instanceof FormatError ? error.message : `Reading it failed (${String(error)}).`;
    return { ok: false, message: `"${name}" could not be opened. ${why}` };
  }
}

type Choice<T> = { ok: true; main: T } | { ok: false; message: string };

function chooseNotebook<T extends { file: FileInput; text: string }>(texts: readonly T[]): Choice<T> {
  const notebooks = texts.filter((t) => formatOf(t.file.name) !== 'percent');
  if (notebooks.length > 1)
    return {
      ok: false,
      message: `${quoted(notebooks.map((t) => t.file.name))} are ${notebooks.length === 2 ? 'both' : 'all'} notebooks; open one notebook at a time, with the .py modules it imports.`,
    };
  if (notebooks[0]) return { ok: true, main: notebooks[0] };
  if (texts.length === 1 && texts[0]) return { ok: true, main: texts[0] };
  const marked = texts.filter((t) => hasCellMarkers(t.text));
  if (marked.length === 1 && marked[0]) return { ok: true, main: marked[0] };
  if (marked.length > 1)
    return {
      ok: false,
      message: `${quoted(marked.map((t) => t.file.name))} ${marked.length === 2 ? 'both' : 'all'} have "# %%" cell markers, so any of them could be the notebook. Open one at a time, or drop the notebook with modules that have no markers.`,
    };
  return {
    ok: false,
    message: `Which of ${quoted(texts.map((t) => t.file.name))} is the notebook? Open the main script on its own, or mark its cells with "# %%" lines so it stands apart from the modules it imports.`,
  };
}

/** A file name for the title: characters every system accepts in a name, and the format's extension. */
export function fileNameFor(title: string, format: NotebookFormat): string {
  const cleaned = title
    .normalize('NFC')
    // Separators and characters Windows refuses, and control characters.
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, '-')
    .replace(/\s+/g, ' ')
    // No hidden files, and no trailing dot or space (Windows drops them).
    .replace(/^[\s.-]+|[\s.]+$/g, '');
  let base = Array.from(cleaned).slice(0, 80).join('').trim() || 'notebook';
  if (/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(base)) base = `${base}-notebook`;
  return `${base}${EXTENSION[format]}`;
}

const EXTENSION: Record<NotebookFormat, string> = { markdown: '.md', percent: '.py', ipynb: '.ipynb' };

// The recipe schema's fields, in the order the shipped recipes write them.
function recipeFrontMatter(recipe: RecipeMeta): Record<string, unknown> {
  const { slug, title, summary, category, tags, sqlalchemy, docs } = recipe;
  return { slug, title, summary, category, tags, sqlalchemy, docs: docs.map(({ title, url }) => ({ title, url })) };
}

/**
 * Write the notebook as a file. `.md` carries everything (recipe front matter when the notebook is
 * a recipe's, else its title); `.ipynb` adds the text outputs given, keyed by cell id.
 */
export function saveNotebookAs(notebook: Notebook, format: NotebookFormat, outputs: Record<string, CellOutputs> = {}): SavedFile {
  const fileName = fileNameFor(notebook.title, format);
  if (format === 'markdown') {
    const frontMatter = notebook.recipe ? recipeFrontMatter(notebook.recipe) : { title: notebook.title };
    return { fileName, mimeType: 'text/markdown', text: serializeRecipeMarkdown(notebook, frontMatter), notes: [] };
  }
  const notes: string[] = [];
  const kind = format === 'ipynb' ? 'A .ipynb notebook' : 'A .py script';
  if (notebook.files.length > 0)
    notes.push(`${kind} cannot carry module files, so ${quoted(notebook.files.map((f) => f.path))} ${notebook.files.length === 1 ? 'is' : 'are'} not in "${fileName}". Save as .md to keep them.`);
  if (format === 'ipynb') return { fileName, mimeType: 'application/x-ipynb+json', text: serializeIpynb(notebook, outputs), notes };
  return { fileName, mimeType: 'text/x-python', text: serializePercentScript(notebook), notes };
}
