// The keyboard shortcuts, opened with `?`.
import { LitElement, css, html } from 'lit';
import { customElement, query } from 'lit/decorators.js';

const SHORTCUTS: [string, string][] = [
  ['Shift+Enter', 'Run the cell and go to the next one'],
  ['Ctrl/⌘+Enter', 'Run the cell and stay'],
  ['Alt+Enter', 'Run the cell and insert a cell below'],
  ['Enter', 'Edit the selected cell'],
  ['Escape', 'Leave the editor (select the cell)'],
  ['↑ / ↓', 'Select the previous / next cell'],
  ['Ctrl/⌘+F', 'Search inside a cell'],
  ['Ctrl/⌘+Space', 'Complete from the live namespace'],
  ['?', 'Show this help'],
];

@customElement('retort-shortcuts-dialog')
export class RetortShortcutsDialog extends LitElement {
  static override styles = css`
    dialog {
      border: 1px solid var(--border);
      border-radius: 10px;
      background: var(--surface);
      color: var(--fg);
      max-width: 520px;
      width: calc(100% - 32px);
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 0.4);
    }
    h2 {
      margin-top: 0;
    }
    table {
      border-collapse: collapse;
      width: 100%;
    }
    th {
      text-align: left;
      padding: 4px 12px 4px 0;
      white-space: nowrap;
      font-family: var(--mono);
      font-weight: 600;
    }
    td {
      padding: 4px 0;
    }
    button {
      font: inherit;
      margin-top: 12px;
      padding: 4px 14px;
      border-radius: 6px;
      border: 1px solid var(--border);
      background: var(--bg);
      color: var(--fg);
    }
    button:focus-visible {
      outline: 2px solid var(--focus);
    }
  `;

  @query('dialog') private dialog!: HTMLDialogElement;

  /** Open the dialog. */
  show(): void {
    if (!this.dialog.open) this.dialog.showModal();
  }

  protected override render(): unknown {
    return html`<dialog aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          ${SHORTCUTS.map(([keys, what]) => html`<tr><th scope="row">${keys}</th><td>${what}</td></tr>`)}
        </tbody>
      </table>
      <form method="dialog"><button>Close</button></form>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'retort-shortcuts-dialog': RetortShortcutsDialog;
  }
}
