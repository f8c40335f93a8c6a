// "Share": a dialog with the link that opens this notebook elsewhere, its length, a Copy button,
// and, past the length chat tools cut, a warning that offers the notebook as a file instead.
import { LitElement, css, html, nothing } from 'lit';
import { buttonStyles } from './button.styles.ts';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Notebook } from '../notebook/notebook.ts';
import { SaveFileEvent } from './file-events.ts';
import { SHARE_LINK_WARN_LENGTH, shareHashFor, type ShareVersions } from '../notebook/share-link.ts';

type LinkState = { kind: 'making' } | { kind: 'ready'; url: string; unchanged: boolean } | { kind: 'failed'; message: string };

@customElement('retort-share-dialog')
export class RetortShareDialog extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      dialog {
        width: min(640px, calc(100vw - 32px));
        border: 1px solid var(--border);
        border-radius: 8px;
        background: var(--bg);
        color: var(--fg);
        padding: 16px 20px;
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.35);
      }
      h2 {
        margin: 0 0 8px;
        font-size: 1.2rem;
      }
      label {
        display: block;
        font-weight: 600;
        margin: 8px 0 4px;
      }
      input {
        box-sizing: border-box;
        width: 100%;
        font: 13px var(--mono);
        padding: 6px 8px;
        border: 1px solid var(--border);
        border-radius: 6px;
        background: var(--surface);
        color: var(--fg);
      }
      .row {
        display: flex;
        gap: 8px;
        align-items: center;
        flex-wrap: wrap;
        margin-top: 10px;
      }
      .spacer {
        flex: 1;
      }
      .warning {
        border-left: 4px solid var(--error);
        padding: 6px 10px;
        background: var(--error-bg);
        margin-top: 10px;
      }
    `,
  ];

  /** The notebook on screen. */
  @property({ attribute: false }) notebook?: Notebook;
  /** The shipped recipe it came from, to tell an unchanged recipe from an edited one. */
  @property({ attribute: false }) shipped?: Notebook;
  /** Where the versions written into the link come from. */
  @property({ attribute: false }) versions?: () => Promise<ShareVersions>;

  @state() private link: LinkState = { kind: 'making' };
  @state() private copied = '';
  @query('dialog') private dialog!: HTMLDialogElement;

  /** Open the dialog and make the link. */
  async show(): Promise<void> {
    this.link = { kind: 'making' };
    this.copied = '';
    await this.updateComplete;
    this.dialog.showModal();
    const notebook = this.notebook;
    if (!notebook) return;
    try {
      const unknown = { python: 'unknown', sqlalchemy: 'unknown' };
      const { hash, unchanged } = await shareHashFor(notebook, this.shipped, async () => (await this.versions?.()) ?? unknown);
      this.link = { kind: 'ready', url: new URL(hash, location.href).href, unchanged };
      await this.updateComplete;
      // Focus the link, selected, so Ctrl+C copies it at once.
      const input = this.renderRoot.querySelector('input');
      input?.focus();
      input?.select();
    } catch (error) {
      this.link = { kind: 'failed', message: `The link could not be made (${(error as Error).message}). Download the notebook as a file instead.` };
    }
  }

  private async copy(url: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(url);
      this.copied = 'Copied to the clipboard.';
    } catch {
      // No clipboard permission (or an insecure page): leave the link selected for Ctrl+C.
      this.renderRoot.querySelector('input')?.select();
      this.copied = 'The browser did not allow copying: the link is selected, press Ctrl+C.';
    }
  }

  private renderLink(): unknown {
    const link = this.link;
    if (link.kind === 'making') return html`<p role="status">Making the link… (it names the Python and SQLAlchemy versions, so it waits for Python to start)</p>`;
    if (link.kind === 'failed') return html`<p role="alert">${link.message}</p>${this.renderFiles()}`;
    const long = link.url.length > SHARE_LINK_WARN_LENGTH;
    return html`<p>
        ${link.unchanged
          ? 'This is the shipped recipe, unchanged, so the link just names it.'
          : 'The link holds the whole notebook, compressed. Nothing is uploaded: whoever opens it gets this text, read-only until they save it.'}
      </p>
      <label for="link">Link</label>
      <input id="link" readonly .value=${link.url} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
      <div class="row">
        <span class="length">${link.url.length.toLocaleString('en')} characters</span>
        <span class="spacer"></span>
        <span role="status" aria-live="polite">${this.copied}</span>
        <button class="primary" @click=${() => void this.copy(link.url)}>Copy link</button>
      </div>
      ${long
        ? html`<div class="warning" role="alert">
            This link is longer than ${SHARE_LINK_WARN_LENGTH.toLocaleString('en')} characters. Chat tools and mail often cut links that long, and a cut
            link cannot be opened. Send the notebook as a file instead: ${this.renderFiles()}
          </div>`
        : nothing}`;
  }

  private renderFiles(): unknown {
    return html`<div class="row">
      <button @click=${() => this.dispatchEvent(new SaveFileEvent('ipynb'))}>Download .ipynb</button>
      <button @click=${() => this.dispatchEvent(new SaveFileEvent('markdown'))}>Download .md</button>
    </div>`;
  }

  protected override render(): unknown {
    return html`<dialog aria-labelledby="share-title" @close=${() => (this.copied = '')}>
      <h2 id="share-title">Share this notebook</h2>
      ${this.renderLink()}
      <div class="row">
        <span class="spacer"></span>
        <button @click=${() => this.dialog.close()}>Close</button>
      </div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'retort-share-dialog': RetortShareDialog;
  }
}
