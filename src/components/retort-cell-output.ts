// A code cell's output: streamed text, the last expression's value (as a table when tabular),
// the traceback and notices.
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CellError, DisplayValue, TableValue } from '../protocol/runtime-api.ts';
import type { CellRun } from './cell-run.ts';
import { cellOutputStyles } from './retort-cell-output.styles.ts';

@customElement('retort-cell-output')
export class RetortCellOutput extends LitElement {
  static override styles = cellOutputStyles;

  /** The run whose output to show. */
  @property({ attribute: false }) run?: CellRun;

  private renderTable(table: TableValue): unknown {
    const more = table.totalRows - table.rows.length;
    return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Result table">
        <table>
          <thead>
            <tr>
              ${table.columns.map((c) => html`<th scope="col">${c}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${table.rows.map((r) => html`<tr>${r.map((v) => html`<td>${v}</td>`)}</tr>`)}
          </tbody>
        </table>
      </div>
      <div class="table-foot">
        ${more > 0 ? html`<span class="more">${more} more row${more === 1 ? '' : 's'}</span> · ` : nothing}${table.totalRows}
        row${table.totalRows === 1 ? '' : 's'}
      </div>`;
  }

  private renderDisplay(display: DisplayValue): unknown {
    if (display.table) return this.renderTable(display.table);
    return html`<pre class="display">${display.text}</pre>`;
  }

  private renderError(error: CellError): unknown {
    return html`<div class="error" role="alert">
      <div class="error-head"><strong>${error.type}</strong>${error.message ? `: ${error.message}` : ''}</div>
      ${error.notes?.map((note) => html`<div class="error-note">${note}</div>`) ?? nothing}
      ${error.frames.length > 0
        ? html`<ul class="frames">
            ${error.frames.map(
              (f) => html`<li>
                <span class="where">${f.file}, line ${f.line}${f.name !== '<module>' ? html`, in <code>${f.name}</code>` : nothing}</span>
                <code class="source">${f.source}</code>
              </li>`,
            )}
          </ul>`
        : nothing}
      <details>
        <summary>Full traceback</summary>
        <pre>${error.text}</pre>
      </details>
    </div>`;
  }

  protected override render(): unknown {
    const run = this.run;
    if (!run) return nothing;
    const result = run.result;
    return html`${run.streams.length > 0
      ? html`<pre class="streams">${run.streams.map((s) => html`<span class=${s.name}>${s.text}</span>`)}</pre>`
      : nothing}
    ${result?.display ? this.renderDisplay(result.display) : nothing} ${result?.error ? this.renderError(result.error) : nothing}
    ${result?.status === 'interrupted' && !result.error ? html`<div class="notice">Stopped.</div>` : nothing}
    ${result?.status === 'crashed' ? html`<div class="notice">The Python runtime stopped and was replaced; the namespace is empty.</div>` : nothing}
    ${(result?.notices ?? []).map((n) => html`<div class="notice" role="note">${n}</div>`)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'retort-cell-output': RetortCellOutput;
  }
}
