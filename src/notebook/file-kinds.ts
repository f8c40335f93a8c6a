// The kinds of file a notebook opens from, apart from the readers, so the file picker can name
// them without loading the readers.

/** The `accept` list of the file picker: what `readNotebookFiles` opens. */
export const FILE_ACCEPT = '.py,.ipynb,.md';
