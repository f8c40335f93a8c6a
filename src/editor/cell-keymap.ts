// The notebook's run keys inside an editor. Higher precedence than the default keymap so
// Shift+Enter runs instead of inserting a newline.
import { Prec, type Extension } from '@codemirror/state';
import { keymap } from '@codemirror/view';

/** What the notebook does for each key. Each returns true when it handled the key. */
export interface CellKeyHandlers {
  run(): boolean;
  runAndAdvance(): boolean;
  runAndInsert(): boolean;
  leave(): boolean;
}

/** Shift+Enter, Mod+Enter, Alt+Enter and Escape. */
export function cellKeymap(handlers: CellKeyHandlers): Extension {
  return [
    Prec.high(
      keymap.of([
        { key: 'Shift-Enter', run: () => handlers.runAndAdvance() },
        { key: 'Mod-Enter', run: () => handlers.run() },
        { key: 'Alt-Enter', run: () => handlers.runAndInsert() },
      ]),
    ),
    // Default precedence: the completion popup and search panel get Escape first.
    keymap.of([{ key: 'Escape', run: () => handlers.leave() }]),
  ];
}
