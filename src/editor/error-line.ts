// Marks the line a traceback points at. Set through an effect so it survives until the next run
// or the next edit of the cell, whichever comes first.
import { StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';

/** Mark this 1-based line as the failing one, or clear the mark with null. */
export const setErrorLine = StateEffect.define<number | null>();

const mark = Decoration.line({ class: 'cm-error-line', attributes: { 'data-error-line': 'true' } });

const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    for (const effect of tr.effects)
      if (effect.is(setErrorLine)) {
        const line = effect.value;
        if (line === null || line < 1 || line > tr.state.doc.lines) return Decoration.none;
        return Decoration.set([mark.range(tr.state.doc.line(line).from)]);
      }
    return tr.docChanged ? Decoration.none : value.map(tr.changes);
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** The failing-line highlight. */
export function errorLine(): Extension {
  return errorLineField;
}
