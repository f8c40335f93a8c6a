// "Download as": one button per file format. The element only asks (SaveFileEvent); the app
// writes the file with saveNotebookAs and hands it to downloadText.
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { NotebookFormat } from '../notebook/files.ts';
import { SaveFileEvent } from './file-events.ts';
import { fileButtonStyles } from './file-buttons.styles.ts';

const FORMATS: { format: NotebookFormat; text: string; name: string }[] = [
  { format: 'markdown', text: '.md', name: 'recipe Markdown, with module files' },
  { format: 'percent', text: '.py', name: 'Python script with # %% cells' },
  { format: 'ipynb', text: '.ipynb', name: 'Jupyter notebook, with the last run’s text output' },
];

/** Start a download of `text` as a file, through a Blob URL that is released afterwards. */
export function downloadText(fileName: string, mimeType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mimeType};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  // Some browsers only follow a click on a link that is in the document.
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its own reference by the next task; revoking sooner can cancel it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

@customElement('retort-file-save')
export class RetortFileSave extends LitElement {
  static override styles = fileButtonStyles;

  /** No notebook to save (the buttons are disabled). */
  @property({ type: Boolean }) disabled = false;

  protected override render(): unknown {
    return html`<div class="group" role="group" aria-labelledby="label">
      <span class="label" id="label">Download as</span>
      ${FORMATS.map(
        (f) => html`<button
          aria-label=${`Download as ${f.text} (${f.name})`}
          title=${f.name}
          ?disabled=${this.disabled}
          @click=${() => this.dispatchEvent(new SaveFileEvent(f.format))}
        >
          ${f.text}
        </button>`,
      )}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'retort-file-save': RetortFileSave;
  }
}
