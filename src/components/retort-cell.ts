// One notebook cell: its gutter (count, state, timing), toolbar, editor or rendered Markdown,
// SQL panel and output. Keys outside the editor ("command mode") are handled here.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { Cell } from '../notebook/notebook.ts';
import { formatDuration, type CellRun } from './cell-run.ts';
import { CELL_OUTPUT_MARK } from './marks.ts';
import { CellCommandEvent, type CellCommand } from './events.ts';
import { renderMarkdown } from './markdown.ts';
import type { RetortCodeEditor } from './retort-code-editor.ts';
import { cellStyles } from './retort-cell.styles.ts';
import './retort-code-editor.ts';
import './retort-cell-output.ts';
import './retort-sql-panel.ts';

@customElement('retort-cell')
export class RetortCell extends LitElement {
  static override styles = cellStyles;

  @property({ attribute: false }) cell!: Cell;
  /** `cell 3`: the label tracebacks use. */
  @property() label = '';
  @property({ attribute: false }) run?: CellRun;
  /** The output no longer matches the code or the namespace. */
  @property({ type: Boolean, reflect: true }) stale = false;
  /** The cell can be run but not changed, moved or deleted (a notebook opened from a link). */
  @property({ type: Boolean }) readonly = false;

  @state() private editing = false;
  @query('.cell') private container!: HTMLElement;
  @query('retort-code-editor') private editor?: RetortCodeEditor;
  private timer = 0;

  /** Select the cell (command mode). */
  focusCell(): void {
    this.container.focus();
  }

  /** Put the cursor in the cell's editor, opening a Markdown cell for editing. */
  async focusEditor(): Promise<void> {
    this.editing = this.cell.kind === 'markdown' && !this.readonly;
    await this.updateComplete;
    this.editor?.focusEditor();
  }

  private send(command: CellCommand): void {
    this.dispatchEvent(new CellCommandEvent(this.cell.id, command));
  }

  private onKey(event: KeyboardEvent): void {
    if (event.target !== this.container) return;
    const mod = event.ctrlKey || event.metaKey;
    let command: CellCommand | undefined;
    if (event.key === 'Enter' && event.shiftKey) command = 'run-advance';
    else if (event.key === 'Enter' && mod) command = 'run';
    else if (event.key === 'Enter' && event.altKey) command = 'run-insert';
    else if (event.key === 'ArrowUp' && !mod) command = 'focus-previous';
    else if (event.key === 'ArrowDown' && !mod) command = 'focus-next';
    else if (event.key === 'Enter') {
      event.preventDefault();
      void this.focusEditor();
      return;
    }
    if (!command) return;
    event.preventDefault();
    this.send(command);
  }

  // A Markdown cell stops editing when its editor is left or "run".
  private onEditorCommand(event: CellCommandEvent): void {
    if (this.cell.kind === 'markdown' && event.command !== 'insert-below') this.editing = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A cell that just became Markdown shows rendered, not in an editor.
    if (changed.has('cell') && changed.get('cell')?.kind !== this.cell.kind) this.editing = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.cell.kind === 'code' && this.run?.phase === 'done' && changed.has('run') && changed.get('run')?.phase !== 'done')
      performance.mark(CELL_OUTPUT_MARK, { detail: { cellId: this.cell.id, count: this.run.count } });
    const running = this.run?.phase === 'running';
    if (running && !this.timer) this.timer = window.setInterval(() => this.requestUpdate(), 200);
    if (!running && this.timer) {
      clearInterval(this.timer);
      this.timer = 0;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    this.timer = 0;
  }

  private renderGutter(): unknown {
    if (this.cell.kind !== 'code') return html`<div class="gutter"></div>`;
    const run = this.run;
    const count = run?.phase === 'queued' || run?.phase === 'running' ? '*' : (run?.count ?? ' ');
    let timing: unknown = nothing;
    if (run?.phase === 'running' && run.startedAt !== undefined)
      timing = html`<span class="running">Running ${formatDuration(performance.now() - run.startedAt)}</span>`;
    else if (run?.phase === 'queued') timing = html`<span class="queued">Queued</span>`;
    else if (run?.result) timing = html`<span class="took" title="How long the last run took">${formatDuration(run.result.durationMs)}</span>`;
    return html`<div class="gutter">
      <span class="count" aria-label="Execution count">[${count}]</span>
      ${timing} ${this.stale ? html`<span class="stale-mark" title="The code or the state changed since this ran">stale</span>` : nothing}
    </div>`;
  }

  private renderToolbar(): unknown {
    const code = this.cell.kind === 'code';
    const name = `${code ? 'code' : 'Markdown'} ${this.label}`;
    const run = code ? html`<button @click=${() => this.send('run')} aria-label="Run ${this.label}" title="Run (Ctrl+Enter)">▶ Run</button>` : nothing;
    if (this.readonly) return code ? html`<div class="toolbar" role="toolbar" aria-label="Actions for ${name}">${run}</div>` : nothing;
    return html`<div class="toolbar" role="toolbar" aria-label="Actions for ${name}">
      ${run}
      <button @click=${() => this.send('move-up')} aria-label="Move ${name} up" title="Move up">↑</button>
      <button @click=${() => this.send('move-down')} aria-label="Move ${name} down" title="Move down">↓</button>
      <button @click=${() => this.send('toggle-kind')} aria-label="Change ${name} to ${code ? 'Markdown' : 'code'}" title="Change kind">
        ${code ? 'M↓' : 'Py'}
      </button>
      <button @click=${() => this.send('insert-below')} aria-label="Insert a cell below ${name}" title="Insert below">+</button>
      <button @click=${() => this.send('delete')} aria-label="Delete ${name}" title="Delete">✕</button>
    </div>`;
  }

  private renderBody(): unknown {
    const code = this.cell.kind === 'code';
    if (!code && !this.editing)
      return html`<div class="prose" @dblclick=${() => void this.focusEditor()}>${unsafeHTML(renderMarkdown(this.cell.source))}</div>`;
    const error = this.run?.phase === 'done' ? this.run.result?.error : undefined;
    return html`<retort-code-editor
      .cellId=${this.cell.id}
      .source=${this.cell.source}
      .kind=${this.cell.kind}
      .label=${`${code ? 'Code' : 'Markdown'} ${this.label}`}
      .errorLine=${error?.line ?? null}
      ?readonly=${this.readonly}
      @retort-cell-command=${this.onEditorCommand}
    ></retort-code-editor>`;
  }

  protected override render(): unknown {
    const code = this.cell.kind === 'code';
    const run = this.run;
    const classes = { cell: true, code, markdown: !code, 'is-running': run?.phase === 'running', 'is-failed': !!run?.result?.error };
    return html`<div
      class=${classMap(classes)}
      tabindex="0"
      role="group"
      aria-label="${code ? 'Code' : 'Markdown'} ${this.label}${this.stale ? ', stale' : ''}"
      @keydown=${this.onKey}
    >
      ${this.renderGutter()}
      <div class="body">
        ${this.renderToolbar()} ${this.renderBody()}
        ${code && run?.result && run.result.sql.length > 0
          ? html`<retort-sql-panel .statements=${run.result.sql} .label=${this.label}></retort-sql-panel>`
          : nothing}
        ${code && run ? html`<retort-cell-output .run=${run}></retort-cell-output>` : nothing}
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'retort-cell': RetortCell;
  }
}
