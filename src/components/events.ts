// The notebook's typed events. Cells send them up; the notebook element acts on them.

/** Something a person asked a cell to do. */
export type CellCommand =
  | 'run'
  | 'run-advance'
  | 'run-insert'
  | 'insert-above'
  | 'insert-below'
  | 'move-up'
  | 'move-down'
  | 'delete'
  | 'toggle-kind'
  | 'leave-editor'
  | 'focus-previous'
  | 'focus-next';

/** A cell asks the notebook to act on it. `fromEditor` is true when the key came from inside the editor. */
export class CellCommandEvent extends Event {
  static readonly eventName = 'retort-cell-command';
  constructor(
    readonly cellId: string,
    readonly command: CellCommand,
    readonly fromEditor = false,
  ) {
    super(CellCommandEvent.eventName, { bubbles: true, composed: true });
  }
}

/** A person edited a cell's source. */
export class CellEditEvent extends Event {
  static readonly eventName = 'retort-cell-edit';
  constructor(
    readonly cellId: string,
    readonly source: string,
  ) {
    super(CellEditEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'retort-cell-command': CellCommandEvent;
    'retort-cell-edit': CellEditEvent;
  }
}
