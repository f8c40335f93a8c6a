// The recipe page: header, variant bar, toolbar and cells (or the comparison with the shipped
// recipe). Owns the notebook being edited, its runner and its autosave.
import { consume } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { pairCells, revertPair } from '../notebook/cell-diff.ts';
import { codeCells, makeCell, type Cell, type Notebook } from '../notebook/notebook.ts';
import { openRecipe, type Recipe } from '../recipes/index.ts';
import { describeStorageError, recipeVersion, type Journal, type Variant, type VariantNotebook, type VariantStore } from '../storage/index.ts';
import { staleCells } from './cell-run.ts';
import { CellCommandEvent, CellEditEvent } from './events.ts';
import { NotebookRunner } from './notebook-runner.ts';
import type { RetortCell } from './retort-cell.ts';
import { notebookStyles } from './retort-notebook.styles.ts';
import { runtimeContext, type Runtime } from './runtime-context.ts';
import { VariantAutosave, draftOf } from './variant-autosave.ts';
import { VariantActionEvent, VariantMovedEvent, VariantNoticeEvent } from './variant-events.ts';
import { RevertEvent } from './retort-compare.ts';
import { CompareEvent, SaveAsEvent } from './retort-variant-bar.ts';
import { KeepSharedEvent, type SharedNotebook } from './retort-shared-banner.ts';
import type { RetortShareDialog } from './retort-share-dialog.ts';
import type { ShareVersions } from '../notebook/share-link.ts';
import './retort-cell.ts';
import './retort-shared-banner.ts';
import './retort-share-dialog.ts';
import './retort-recipe-header.ts';
import './retort-variant-bar.ts';
import './retort-compare.ts';

/** What a read-only notebook still lets a person do. */
const READ_ONLY_COMMANDS: ReadonlySet<string> = new Set(['run', 'run-advance', 'leave-editor', 'focus-previous', 'focus-next']);

@customElement('retort-notebook')
export class RetortNotebook extends LitElement {
  static override styles = notebookStyles;

  /** The recipe to open; a fresh notebook is read from it whenever it changes. */
  @property({ attribute: false }) recipe?: Recipe;
  /** The person's draft or variant of the recipe to show instead of the shipped text. */
  @property({ attribute: false }) variant?: Variant;
  /** Where edits are saved; without one, edits live only in this page. */
  @property({ attribute: false }) store?: VariantStore;
  /** Catches unsaved edits when the page closes. */
  @property({ attribute: false }) journal?: Journal;
  /** A notebook opened from a share link: shown read-only, nothing saved until the person keeps it. */
  @property({ attribute: false }) shared?: SharedNotebook;

  @consume({ context: runtimeContext, subscribe: true }) runtime?: Runtime;

  @state() private notebook: Notebook = { title: '', cells: [], files: [] };
  @state() private deleted?: { cell: Cell; index: number };
  @state() private currentId?: string;
  /** Showing the comparison with the shipped recipe instead of the cells. */
  @state() private comparing = false;
  private original: Notebook = { title: '', cells: [], files: [] };
  private readonly runner = new NotebookRunner(this, () => this.notebook);
  private readonly autosave = new VariantAutosave(this, {
    replaced: (v) => (this.notebook = { ...v.notebook, recipe: this.notebook.recipe }),
    notice: (text) => this.dispatchEvent(new VariantNoticeEvent(text)),
    moved: (v) => this.dispatchEvent(new VariantMovedEvent(v.id)),
  });

  constructor() {
    super();
    this.addEventListener(CellCommandEvent.eventName, (e) => void this.onCommand(e));
    this.addEventListener(CellEditEvent.eventName, (e) => this.setCells(this.notebook.cells.map((c) => (c.id === e.cellId ? { ...c, source: e.source } : c))));
    this.addEventListener(SaveAsEvent.eventName, (e) => void this.saveAs(e.name));
    this.addEventListener(CompareEvent.eventName, () => (this.comparing = true));
    this.addEventListener(RevertEvent.eventName, (e) => this.revert(e.row));
    this.addEventListener(VariantActionEvent.eventName, (e) => {
      if (e.action !== 'discard' || e.composedPath()[0] === this) return;
      e.stopPropagation();
      void this.discard(e.id);
    });
  }

  protected override firstUpdated(): void {
    // Listen inside the shadow root: focus moving from one cell to another never leaves it, so a
    // focusin listener on the host itself is not called (both ends retarget to the host).
    this.renderRoot.addEventListener('focusin', (e) => {
      const cell = e.composedPath().find((n): n is RetortCell => n instanceof HTMLElement && n.localName === 'retort-cell');
      if (cell) this.currentId = cell.cell.id;
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The app makes a new element for each opening, so what to show is read once.
    if (!this.hasUpdated) this.open();
    this.runner.attach(this.runtime);
  }

  // Three sources: a shipped recipe (with the person's draft or variant of it, if any), a variant
  // whose recipe is not here (made from a file or a link), or a shared link (read-only).
  private open(): void {
    const recipe = this.recipe;
    const variant = this.variant;
    if (recipe) this.original = openRecipe(recipe);
    if (this.shared) {
      this.notebook = structuredClone(this.shared.notebook);
      return;
    }
    if (variant) this.notebook = { ...structuredClone(variant.notebook), recipe: this.original.recipe };
    else if (recipe) this.notebook = openRecipe(recipe);
    else return;
    // Without a recipe there is no draft to make: the notebook is a variant from the start.
    const makeDraft = recipe ? () => draftOf(recipe, this.content()) : () => ({ ...variant!, notebook: this.content(), revision: 0 });
    this.autosave.open(this.store, this.journal, variant, makeDraft);
  }

  private get readonly(): boolean {
    return this.shared !== undefined;
  }

  /** Save every edit made so far (before the variant is renamed, duplicated or deleted elsewhere on the page). */
  async flushSaves(): Promise<void> {
    await this.autosave.flush();
  }

  /** Move focus to the page heading, e.g. after opening the recipe from the catalog. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('retort-recipe-header')?.focus();
  }

  /** Every change to the cells goes through here, so every change is saved. */
  private setCells(cells: Cell[]): void {
    this.notebook = { ...this.notebook, cells };
    this.autosave.changed(this.content());
  }

  private content(): VariantNotebook {
    return { title: this.notebook.title, cells: this.notebook.cells, files: this.notebook.files };
  }

  private async saveAs(name: string): Promise<void> {
    try {
      const copy = await this.autosave.saveAs(name, this.content());
      if (!copy) return;
      this.dispatchEvent(new VariantNoticeEvent(`Saved as “${copy.name}”.`));
      location.hash = `#/variant/${copy.id}`;
    } catch (error) {
      this.dispatchEvent(new VariantNoticeEvent(describeStorageError(error)));
    }
  }

  // Put the shipped text back for one row of the comparison, or for everything; Undo restores.
  private revert(row: number | 'all' | 'close'): void {
    if (row === 'close') {
      this.comparing = false;
      return;
    }
    const before = this.notebook;
    const original = structuredClone(this.original);
    if (row === 'all') this.notebook = { ...this.notebook, cells: original.cells, files: original.files };
    this.setCells(row === 'all' ? this.notebook.cells : revertPair(pairCells(original.cells, this.notebook.cells), row));
    const undo = async (): Promise<void> => {
      this.notebook = before;
      this.setCells(before.cells);
    };
    this.dispatchEvent(new VariantNoticeEvent(row === 'all' ? 'Reverted every cell to the shipped recipe.' : 'Reverted one cell to the shipped recipe.', undo));
  }

  // Put the draft aside: everything is saved first, so Undo brings back every character.
  private async discard(id: string): Promise<void> {
    await this.autosave.flush();
    this.autosave.detach();
    this.dispatchEvent(new VariantActionEvent('discard', id));
  }

  private cellElement(id: string): RetortCell | null {
    return this.renderRoot.querySelector<RetortCell>(`retort-cell[data-id="${id}"]`);
  }

  private async focusCell(id: string | undefined, editor: boolean): Promise<void> {
    if (!id) return;
    await this.updateComplete;
    const element = this.cellElement(id);
    if (!element) return;
    await element.updateComplete;
    if (editor) await element.focusEditor();
    else element.focusCell();
  }

  private insertAfter(index: number): string {
    const cell = makeCell('code', '');
    const cells = [...this.notebook.cells];
    cells.splice(index + 1, 0, cell);
    this.setCells(cells);
    return cell.id;
  }

  private async onCommand(event: CellCommandEvent): Promise<void> {
    if (this.readonly && !READ_ONLY_COMMANDS.has(event.command)) return;
    const cells = this.notebook.cells;
    const index = cells.findIndex((c) => c.id === event.cellId);
    if (index === -1) return;
    const next = cells[index + 1]?.id;
    switch (event.command) {
      case 'run':
        this.runner.enqueue([event.cellId]);
        break;
      case 'run-advance':
        this.runner.enqueue([event.cellId]);
        await this.focusCell(next ?? (this.readonly ? undefined : this.insertAfter(index)), event.fromEditor || next === undefined);
        break;
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
        this.setCells(moved);
        await this.focusCell(event.cellId, false);
        break;
      }
      case 'delete':
        this.deleted = { cell: cells[index]!, index };
        this.runner.forget(event.cellId);
        this.setCells(cells.filter((c) => c.id !== event.cellId));
        await this.focusCell(next ?? cells[index - 1]?.id, false);
        break;
      case 'toggle-kind':
        this.setCells(cells.map((c) => (c.id === event.cellId ? { ...c, kind: c.kind === 'code' ? 'markdown' : 'code' } : c)));
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

  private async undoDelete(): Promise<void> {
    const deleted = this.deleted;
    if (!deleted) return;
    const cells = [...this.notebook.cells];
    cells.splice(Math.min(deleted.index, cells.length), 0, deleted.cell);
    this.setCells(cells);
    this.deleted = undefined;
    await this.focusCell(deleted.cell.id, false);
  }

  private runAll(): void {
    this.runner.enqueue(codeCells(this.notebook).map((c) => c.cell.id));
  }

  private runAbove(): void {
    const index = this.notebook.cells.findIndex((c) => c.id === this.currentId);
    const above = this.notebook.cells.slice(0, Math.max(index, 0));
    this.runner.enqueue(above.filter((c) => c.kind === 'code').map((c) => c.id));
  }

  private addCell(): void {
    void this.focusCell(this.insertAfter(this.notebook.cells.length - 1), true);
  }

  private renderToolbar(): unknown {
    const active = this.runner.active;
    return html`<div class="toolbar" role="toolbar" aria-label="Notebook">
      <button class="primary" @click=${this.runAll} title="Run every code cell in order">▶▶ Run all</button>
      <button @click=${this.runAbove} ?disabled=${!this.currentId} title="Run the code cells above the selected cell">Run above</button>
      <button @click=${() => void this.runner.stop()} ?disabled=${!active} title="Stop the running cell and clear the queue">■ Stop</button>
      <button @click=${() => void this.runner.restart()} title="Fresh Python namespace and empty databases">↻ Restart</button>
      ${this.readonly
        ? nothing
        : html`<button @click=${this.addCell} title="Add a code cell at the end">+ Cell</button>
            <span class="spacer"></span>
            <button @click=${() => void this.share()} title="Copy a link that opens this notebook elsewhere">Share…</button>`}
    </div>`;
  }

  // The link's versions: what this page runs, once Python has said.
  private readonly shareVersions = async (): Promise<ShareVersions> => {
    const versions = this.runtime?.versions ?? (await this.runtime?.ready().catch(() => undefined));
    return { python: versions?.python ?? 'unknown', sqlalchemy: versions?.sqlalchemy ?? 'unknown' };
  };

  private async share(): Promise<void> {
    await this.renderRoot.querySelector<RetortShareDialog>('retort-share-dialog')?.show();
  }

  private renderBar(): unknown {
    if (this.shared) return html`<retort-shared-banner .shared=${this.shared} .runtimeVersions=${this.runtime?.versions}></retort-shared-banner>`;
    const recipe = this.recipe;
    const variant = this.autosave.variant;
    return html`<retort-variant-bar
      .variant=${variant}
      .saveState=${this.autosave.state}
      .recipeTitle=${recipe?.meta.title ?? this.notebook.title}
      ?canCompare=${!!recipe}
      ?baseChanged=${!!recipe && !!variant && variant.baseVersion !== recipeVersion(recipe.text)}
    ></retort-variant-bar>`;
  }

  protected override render(): unknown {
    if (!this.recipe && !this.variant && !this.shared) return nothing;
    return html`<retort-recipe-header .meta=${this.notebook.recipe} .heading=${this.notebook.title} tabindex="-1"></retort-recipe-header>
      ${this.renderBar()}
      <retort-share-dialog .notebook=${this.notebook} .shipped=${this.recipe ? this.original : undefined} .versions=${this.shareVersions}></retort-share-dialog>
      ${this.comparing
        ? html`<retort-compare .pairs=${pairCells(this.original.cells, this.notebook.cells)}></retort-compare>`
        : this.renderCells()}`;
  }

  private renderCells(): unknown {
    const stale = staleCells(this.notebook.cells, this.runner.runs, this.runner.epoch);
    const labels = new Map(codeCells(this.notebook).map((c) => [c.cell.id, c.label]));
    return html`${this.renderToolbar()}
      ${this.deleted
        ? html`<div class="undo" role="status">
            Cell deleted. <button @click=${() => void this.undoDelete()}>Undo</button>
          </div>`
        : nothing}
      <div class="cells">
        ${repeat(
          this.notebook.cells,
          (c) => c.id,
          (c, i) => html`<retort-cell
            data-id=${c.id}
            .cell=${c}
            .label=${labels.get(c.id) ?? `cell ${i + 1}`}
            .run=${this.runner.runs.get(c.id)}
            .stale=${stale.has(c.id)}
            ?readonly=${this.readonly}
          ></retort-cell>`,
        )}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'retort-notebook': RetortNotebook;
  }
}
