// The one place where a cell editor's features are composed.
import { python } from '@codemirror/lang-python';
import { Annotation, Compartment, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { editingBasics } from './basics.ts';
import { cellKeymap, type CellKeyHandlers } from './cell-keymap.ts';
import { runtimeCompletion, type CompletionFetcher } from './completion.ts';
import { errorLine } from './error-line.ts';
import { editorTheme } from './theme.ts';

/** Tags changes made by the notebook (not by the person), so they do not count as edits. */
export const programmatic = Annotation.define<boolean>();

/** Swapped when a cell changes kind: Python for code cells, plain text for Markdown. */
export const languageCompartment = new Compartment();

/** The language extension for a cell kind. */
export function languageFor(kind: 'code' | 'markdown'): Extension {
  return kind === 'code' ? python() : [];
}

/** What a cell editor needs from its cell. */
export interface CellEditorOptions {
  kind: 'code' | 'markdown';
  label: string;
  keys: CellKeyHandlers;
  /** Completions from the runtime; returns undefined when there is nothing to ask (e.g. a Markdown cell). */
  complete: CompletionFetcher;
  /** Called with the new text after each edit by the person. */
  onEdit(source: string): void;
}

/** All the extensions of a cell editor. */
export function cellEditorExtensions(options: CellEditorOptions): Extension {
  return [
    cellKeymap(options.keys),
    editingBasics(),
    languageCompartment.of(languageFor(options.kind)),
    runtimeCompletion(options.complete),
    errorLine(),
    editorTheme(),
    EditorView.contentAttributes.of({ 'aria-label': options.label }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged && !update.transactions.every((tr) => tr.annotation(programmatic)))
        options.onEdit(update.state.doc.toString());
    }),
  ];
}
