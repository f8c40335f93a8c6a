// What a cell's keys and toolbar ask of the notebook: run, move, insert, delete (with undo),
// change kind, and where focus goes next. Kept out of the notebook element so it stays small.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { makeCell, type Cell } from '../notebook/notebook.ts';
import type { CellCommandEvent } from './events.ts';
import type { NotebookRunner } from './notebook-runner.ts';
import type { RetortCell } from './retort-cell.ts';

/** What a read-only notebook (opened from a link) still lets a person do. */
const READ_ONLY_COMMANDS: ReadonlySet<string> = new Set(['run', 'run-advance', 'leave-editor', 'focus-previous', 'focus-next']);

/** The notebook element, as the commands see it. */
export interface CellCommandsHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The cells on screen. */
  cells(): Cell[];
  /** Every change to the cells goes through here, so every change is saved. */
  setCells(cells: Cell[]): void;
  /** Cells can be run and read but not changed. */
  readonly readonly: boolean;
}

export class CellCommands implements ReactiveController {
  /** The last deleted cell, for Undo. */
  deleted?: { cell: Cell; index: number };

  constructor(
    private readonly host: CellCommandsHost,
    private readonly runner: NotebookRunner,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Move focus to a cell: into its editor, or onto the cell itself (command mode). */
  async focusCell(id: string | undefined, editor: boolean): Promise<void> {
    if (!id) return;
    await this.host.updateComplete;
    const element = this.host.renderRoot.querySelector<RetortCell>(`retort-cell[data-id="${id}"]`);
    if (!element) return;
    await element.updateComplete;
    if (!editor) return element.focusCell();
    await element.focusEditor();
    // CodeMirror takes the focus without scrolling: bring the cell into view, as focusing a cell does.
    this.keepInView(id);
  }

  /** Scroll a cell that has the focus into view, below the notebook's toolbar (it sticks to the top of the page). */
  private keepInView(id: string | undefined): void {
    const element = this.host.renderRoot.querySelector<RetortCell>(`retort-cell[data-id="${id}"]`);
    if (!element?.matches(':focus-within')) return; // the person has moved on
    const toolbar = this.host.renderRoot.querySelector('.toolbar');
    element.style.scrollMarginTop = `${toolbar?.getBoundingClientRect().height ?? 0}px`;
    element.scrollIntoView({ block: 'nearest' });
  }

  /** Insert an empty code cell after `index` (-1: first); returns its id. */
  insertAfter(index: number): string {
    const cell = makeCell('code', '');
    const cells = [...this.host.cells()];
    cells.splice(index + 1, 0, cell);
    this.host.setCells(cells);
    return cell.id;
  }

  /** Forget the deleted cell (the notebook was replaced). */
  clearDeleted(): void {
    this.deleted = undefined;
    this.host.requestUpdate();
  }

  async undoDelete(): Promise<void> {
    const deleted = this.deleted;
    if (!deleted) return;
    const cells = [...this.host.cells()];
    cells.splice(Math.min(deleted.index, cells.length), 0, deleted.cell);
    this.deleted = undefined;
    this.host.setCells(cells);
    await this.focusCell(deleted.cell.id, false);
  }

  async handle(event: CellCommandEvent): Promise<void> {
    const readonly = this.host.readonly;
    if (readonly && !READ_ONLY_COMMANDS.has(event.command)) return;
    const cells = this.host.cells();
    const index = cells.findIndex((c) => c.id === event.cellId);
    if (index === -1) return;
    const next = cells[index + 1]?.id;
    switch (event.command) {
      case 'run':
        this.runner.enqueue([event.cellId]);
        break;
      case 'run-advance': {
        this.runner.enqueue([event.cellId]);
        const target = next ?? (readonly ? undefined : this.insertAfter(index));
        // From an editor into the next code cell's editor, so that a person writing goes on typing;
        // a Markdown cell is only selected, as Jupyter does, so that its text stays rendered.
        const intoEditor = next === undefined || (event.fromEditor && cells[index + 1]!.kind === 'code');
        await this.focusCell(target, intoEditor);
        // The output that comes in above can push the cell moved to out of view: bring it back.
        await this.runner.settled(event.cellId);
        await new Promise(requestAnimationFrame); // the cells render their new output by the next frame
        this.keepInView(target);
        break;
      }
      case 'run-insert':
        this.runner.enqueue([event.cellId]);
        await this.focusCell(this.insertAfter(index), true);
        break;
      case 'insert-above':
        await this.focusCell(this.insertAfter(index - 1), true);
        break;
      case 'insert-below':
        await this.focusCell(this.insertAfter(index), true);
        break;
      case 'move-up':
      case 'move-down': {
        const to = event.command === 'move-up' ? index - 1 : index + 1;
        if (to < 0 || to >= cells.length) return;
        const moved = [...cells];
        [moved[index], moved[to]] = [moved[to]!, moved[index]!];
        this.host.setCells(moved);
        await this.focusCell(event.cellId, false);
        break;
      }
      case 'delete':
        this.deleted = { cell: cells[index]!, index };
        this.runner.forget(event.cellId);
        this.host.setCells(cells.filter((c) => c.id !== event.cellId));
        await this.focusCell(next ?? cells[index - 1]?.id, false);
        break;
      case 'toggle-kind':
        this.host.setCells(cells.map((c) => (c.id === event.cellId ? { ...c, kind: c.kind === 'code' ? 'markdown' : 'code' } : c)));
        break;
      case 'leave-editor':
        await this.focusCell(event.cellId, false);
        break;
      case 'focus-previous':
        await this.focusCell(cells[index - 1]?.id, false);
        break;
      case 'focus-next':
        await this.focusCell(next, false);
        break;
    }
  }
}
