// Typed events about notebook files, sent up from the open and save controls and the drop
// controller; the app shell acts on them. Also the one place that reads picked or dropped files.
import type { FileInput, NotebookFormat } from '../notebook/files.ts';
import type { Notebook } from '../notebook/notebook.ts';

/** A person opened files and they made a notebook (with its modules in `notebook.files`). */
export class NotebookFileOpenEvent extends Event {
  static readonly eventName = 'retort-notebook-file-open';
  constructor(
    /** The notebook, with fresh cell ids; not saved anywhere yet. */
    readonly notebook: Notebook,
    /** Lines worth showing the person: which modules came along, what was not kept. */
    readonly notes: string[],
    /** The names of the files opened, notebook and modules. */
    readonly fileNames: string[],
  ) {
    super(NotebookFileOpenEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Files a person picked or dropped could not be opened; `message` names the file and what to do. */
export class FileProblemEvent extends Event {
  static readonly eventName = 'retort-file-problem';
  constructor(readonly message: string) {
    super(FileProblemEvent.eventName, { bubbles: true, composed: true });
  }
}

/** A person asked to download the open notebook in this format. */
export class SaveFileEvent extends Event {
  static readonly eventName = 'retort-save-file';
  constructor(readonly format: NotebookFormat) {
    super(SaveFileEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Read the files a person picked or dropped, and make the event that says what came of it. */
export async function fileOpenEvent(files: readonly File[]): Promise<NotebookFileOpenEvent | FileProblemEvent> {
  // The readers (and the YAML parser behind them) load only when a file is opened: the first
  // view does not need them.
  const { checkFileSizes, readNotebookFiles } = await import('../notebook/files.ts');
  // Sizes first: a file past the cap is refused without being read into memory.
  const sizeProblem = checkFileSizes(files);
  if (sizeProblem) return new FileProblemEvent(sizeProblem);
  const inputs: FileInput[] = [];
  for (const file of files) {
    try {
      inputs.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    } catch {
      return new FileProblemEvent(`"${file.name}" could not be read. If it is a folder, open the files inside it instead.`);
    }
  }
  const read = readNotebookFiles(inputs);
  if (!read.ok) return new FileProblemEvent(read.message);
  return new NotebookFileOpenEvent(read.notebook, read.notes, files.map((f) => f.name));
}

declare global {
  interface HTMLElementEventMap {
    'retort-notebook-file-open': NotebookFileOpenEvent;
    'retort-file-problem': FileProblemEvent;
    'retort-save-file': SaveFileEvent;
  }
}
