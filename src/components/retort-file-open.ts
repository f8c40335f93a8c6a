// "Open file…": pick a .py, .ipynb or .md notebook (and any .py modules it imports) from disk.
// Says what came of it with a NotebookFileOpenEvent or a FileProblemEvent; opening it is the app's.
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { FILE_ACCEPT } from '../notebook/file-kinds.ts';
import { fileOpenEvent } from './file-events.ts';
import { fileButtonStyles } from './file-buttons.styles.ts';

@customElement('retort-file-open')
export class RetortFileOpen extends LitElement {
  static override styles = fileButtonStyles;

  /** The button's text. */
  @property() label = 'Open file…';
  @state() private reading = false;

  /** Show the file picker, as the button does (for a keyboard shortcut). */
  open(): void {
    this.renderRoot.querySelector('input')?.click();
  }

  private async picked(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const files = Array.from(input.files ?? []);
    // Cleared so that choosing the same file again (after fixing it) fires `change` again.
    input.value = '';
    if (files.length === 0) return;
    this.reading = true;
    try {
      this.dispatchEvent(await fileOpenEvent(files));
    } finally {
      this.reading = false;
    }
  }

  protected override render(): unknown {
    return html`<button
        title="Open a .py script, .ipynb notebook or .md recipe, with any .py modules it imports"
        aria-busy=${this.reading ? 'true' : 'false'}
        @click=${() => this.open()}
      >
        ${this.reading ? 'Opening…' : this.label}
      </button>
      <input
        type="file"
        multiple
        accept=${FILE_ACCEPT}
        tabindex="-1"
        aria-label="Notebook file and its modules"
        @change=${(e: Event) => void this.picked(e)}
      />`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'retort-file-open': RetortFileOpen;
  }
}
