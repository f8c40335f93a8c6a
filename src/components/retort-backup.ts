// Back up and erase: export every variant to one JSON file, import such a file, erase all.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';

/** The person asked to export, import (with the file's text) or erase everything. */
export class BackupEvent extends Event {
  static readonly eventName = 'retort-backup';
  constructor(
    readonly action: 'export' | 'import' | 'erase',
    /** The chosen file's text, for `import`. */
    readonly text = '',
  ) {
    super(BackupEvent.eventName, { bubbles: true, composed: true });
  }
}

@customElement('retort-backup')
export class RetortBackup extends LitElement {
  static override styles = css`
    :host {
      display: block;
      margin-top: 8px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
    }
    button {
      font: inherit;
      font-size: 12px;
      padding: 2px 8px;
      border: 1px solid var(--border);
      border-radius: 5px;
      background: var(--bg);
      color: var(--fg);
      cursor: pointer;
    }
    button.danger {
      border-color: var(--error, #b00020);
    }
    button:focus-visible {
      outline: 2px solid var(--focus);
      outline-offset: 1px;
    }
    .confirm {
      margin-top: 6px;
      font-size: 13px;
    }
    input[type='file'] {
      display: none;
    }
  `;

  @state() private confirming = false;

  private async picked(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) this.dispatchEvent(new BackupEvent('import', await file.text()));
  }

  private erase(): void {
    this.confirming = false;
    this.dispatchEvent(new BackupEvent('erase'));
  }

  protected override render(): unknown {
    return html`<div class="row" role="group" aria-label="Back up and erase">
        <button @click=${() => this.dispatchEvent(new BackupEvent('export'))}>Export backup</button>
        <button @click=${() => this.renderRoot.querySelector('input')?.click()}>Import backup…</button>
        <input type="file" accept=".json,application/json" aria-label="Backup file to import" @change=${(e: Event) => void this.picked(e)} />
        <button class="danger" @click=${() => (this.confirming = true)}>Erase all my data…</button>
      </div>
      ${this.confirming
        ? html`<div class="confirm" role="alertdialog" aria-label="Confirm erasing">
            This deletes every variant and draft saved in this browser. It cannot be undone; export a backup first.
            <div class="row">
              <button class="danger" @click=${this.erase}>Erase everything</button>
              <button @click=${() => (this.confirming = false)}>Cancel</button>
            </div>
          </div>`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'retort-backup': RetortBackup;
  }
  interface HTMLElementEventMap {
    'retort-backup': BackupEvent;
  }
}
