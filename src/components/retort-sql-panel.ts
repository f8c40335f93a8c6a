// The SQL a cell executed: a collapsible list of statements with parameters, duration and rows.
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { highlightSql, loadSqlHighlighter } from '../editor/sql-highlight.ts';
import type { SqlStatement } from '../protocol/runtime-api.ts';
import { formatDuration } from './cell-run.ts';
import { sqlPanelStyles } from './retort-sql-panel.styles.ts';

@customElement('retort-sql-panel')
export class RetortSqlPanel extends LitElement {
  static override styles = sqlPanelStyles;

  /** The statements, in the order they ran. */
  @property({ attribute: false }) statements: SqlStatement[] = [];
  /** Label of the cell, for the accessible name. */
  @property() label = '';

  private onToggle(event: Event): void {
    if ((event.target as HTMLDetailsElement).open) void loadSqlHighlighter().then(() => this.requestUpdate());
  }

  private renderStatement(s: SqlStatement, index: number): unknown {
    const rows = s.rowCount === null ? '' : `${s.rowCount} row${s.rowCount === 1 ? '' : 's'}`;
    return html`<li class="statement">
      <div class="meta">
        <span class="index">#${index + 1}</span>
        ${s.executemany ? html`<span class="tag">executemany</span>` : nothing}
        <span>${formatDuration(s.durationMs)}</span>
        ${rows ? html`<span>${rows}</span>` : nothing}
      </div>
      <pre class="sql"><code>${highlightSql(s.sql).map((t) => (t.classes ? html`<span class=${t.classes}>${t.text}</span>` : t.text))}</code></pre>
      ${s.params && s.params !== '()' && s.params !== '{}' && s.params !== '[]'
        ? html`<div class="params"><span class="key">params</span> <code>${s.params}</code></div>`
        : nothing}
    </li>`;
  }

  protected override render(): unknown {
    const n = this.statements.length;
    if (n === 0) return nothing;
    return html`<details @toggle=${this.onToggle}>
      <summary aria-label="SQL for ${this.label}: ${n} statement${n === 1 ? '' : 's'}">
        SQL <span class="badge">${n}</span>
      </summary>
      <ol>
        ${this.statements.map((s, i) => this.renderStatement(s, i))}
      </ol>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'retort-sql-panel': RetortSqlPanel;
  }
}
