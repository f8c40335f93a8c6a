// The one place where a cell editor's features are composed.
import { python } from '@codemirror/lang-python';
import { Annotation, Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { editingBasics } from './basics.ts';
import { cellKeymap, type CellKeyHandlers } from './cell-keymap.ts';
import { runtimeCompletion, type CompletionFetcher } from './completion.ts';
import { errorLine } from './error-line.ts';
import { editorTheme } from './theme.ts';

/** Tags changes made by the notebook (not by the person), so they do not count as edits. */
export const programmatic = Annotation.define<boolean>();

/** Swapped when a cell changes kind: Python and runtime completion for code, plain text for Markdown. */
export const languageCompartment = new Compartment();

/** Swapped when a cell's label changes (cells moved): the editor's accessible name. */
export const labelCompartment = new Compartment();

/**
 * What a cell kind adds to the editor. Markdown gets no completion at all: a pending completion
 * would swallow the Escape that leaves the editor.
 */
export function languageFor(kind: 'code' | 'markdown', complete: CompletionFetcher): Extension {
  return kind === 'code' ? [python(), runtimeCompletion(complete)] : [];
}

/** The editor's accessible name. */
export function labelFor(label: string): Extension {
  return EditorView.contentAttributes.of({ 'aria-label': label });
}

/** What a cell editor needs from its cell. */
export interface CellEditorOptions {
  kind: 'code' | 'markdown';
  label: string;
  keys: CellKeyHandlers;
  /** Completions from the runtime; undefined when there is no runtime yet. */
  complete: CompletionFetcher;
  /** Called with the new text after each edit by the person. */
  onEdit(source: string): void;
  /** Text can be read, selected and copied but not changed (a notebook opened from a link). */
  readOnly?: boolean;
}

/** All the extensions of a cell editor. */
export function cellEditorExtensions(options: CellEditorOptions): Extension {
  return [
    cellKeymap(options.keys),
    editingBasics(),
    languageCompartment.of(languageFor(options.kind, options.complete)),
    errorLine(),
    editorTheme(),
    labelCompartment.of(labelFor(options.label)),
    EditorState.readOnly.of(options.readOnly ?? false),
    EditorView.updateListener.of((update) => {
      if (update.docChanged && !update.transactions.every((tr) => tr.annotation(programmatic)))
        options.onEdit(update.state.doc.toString());
    }),
  ];
}
