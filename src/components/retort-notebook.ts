// The recipe page: header, variant bar, toolbar and cells (or the comparison with the shipped
// recipe). Owns the notebook being edited, its runner and its autosave.
import { consume } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { pairCells, revertPair } from '../notebook/cell-diff.ts';
import { codeCells, type Cell, type Notebook } from '../notebook/notebook.ts';
import { openRecipe, type Recipe } from '../recipes/index.ts';
import { describeStorageError, recipeVersion, type Journal, type Variant, type VariantNotebook, type VariantStore } from '../storage/index.ts';
import { staleCells } from './cell-run.ts';
import { CellCommands } from './cell-commands.ts';
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
import { saveNotebookAs, type NotebookFormat } from '../notebook/files.ts';
import { SaveFileEvent } from './file-events.ts';
import { ipynbOutputsFromRuns } from './ipynb-outputs.ts';
import { downloadText } from './retort-file-save.ts';
import './retort-cell.ts';
import './retort-shared-banner.ts';
import './retort-share-dialog.ts';
import './retort-file-save.ts';
import './retort-recipe-header.ts';
import './retort-variant-bar.ts';
import './retort-compare.ts';

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
  @state() private currentId?: string;
  /** Showing the comparison with the shipped recipe instead of the cells. */
  @state() private comparing = false;
  private original: Notebook = { title: '', cells: [], files: [] };
  private readonly runner = new NotebookRunner(this, () => this.notebook);
  private readonly commands = new CellCommands(this, this.runner);
  private readonly autosave = new VariantAutosave(this, {
    replaced: (v) => (this.notebook = { ...v.notebook, recipe: this.notebook.recipe }),
    notice: (text) => this.dispatchEvent(new VariantNoticeEvent(text)),
    moved: (v) => this.dispatchEvent(new VariantMovedEvent(v.id)),
  });

  constructor() {
    super();
    this.addEventListener(CellCommandEvent.eventName, (e) => void this.commands.handle(e));
    this.addEventListener(CellEditEvent.eventName, (e) => this.setCells(this.notebook.cells.map((c) => (c.id === e.cellId ? { ...c, source: e.source } : c))));
    this.addEventListener(SaveAsEvent.eventName, (e) => void this.saveAs(e.name));
    this.addEventListener(CompareEvent.eventName, () => (this.comparing = true));
    this.addEventListener(SaveFileEvent.eventName, (e) => this.download(e.format));
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

  /** Opened from a link: cells can be run and read, not changed. */
  get readonly(): boolean {
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

  /** The cells on screen. */
  cells(): Cell[] {
    return this.notebook.cells;
  }

  /** Every change to the cells goes through here, so every change is saved. */
  setCells(cells: Cell[]): void {
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

  private runAll(): void {
    this.runner.enqueue(codeCells(this.notebook).map((c) => c.cell.id));
  }

  private runAbove(): void {
    const index = this.notebook.cells.findIndex((c) => c.id === this.currentId);
    const above = this.notebook.cells.slice(0, Math.max(index, 0));
    this.runner.enqueue(above.filter((c) => c.kind === 'code').map((c) => c.id));
  }

  private addCell(): void {
    void this.commands.focusCell(this.commands.insertAfter(this.notebook.cells.length - 1), true);
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
      <retort-file-save></retort-file-save>
    </div>`;
  }

  // The link's versions: what this page runs, once Python has said.
  private readonly shareVersions = async (): Promise<ShareVersions> => {
    const versions = this.runtime?.versions ?? (await this.runtime?.ready().catch(() => undefined));
    return { python: versions?.python ?? 'unknown', sqlalchemy: versions?.sqlalchemy ?? 'unknown' };
  };

  // Download as .md, .py or .ipynb (with the text outputs of the last run); say what a format could not keep.
  private download(format: NotebookFormat): void {
    const saved = saveNotebookAs(this.notebook, format, ipynbOutputsFromRuns(this.runner.runs));
    downloadText(saved.fileName, saved.mimeType, saved.text);
    const notes = saved.notes.join(' ');
    this.dispatchEvent(new VariantNoticeEvent(`Downloaded “${saved.fileName}”.${notes ? ` ${notes}` : ''}`));
  }

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
      ${this.commands.deleted
        ? html`<div class="undo" role="status">
            Cell deleted. <button @click=${() => void this.commands.undoDelete()}>Undo</button>
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
