// One cell of the original beside the person's version (CodeMirror's merge view), read-only.
import { python } from '@codemirror/lang-python';
import { MergeView } from '@codemirror/merge';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { editorTheme } from '../editor/theme.ts';

@customElement('retort-cell-diff')
export class RetortCellDiff extends LitElement {
  static override styles = css`
    :host {
      display: block;
      border: 1px solid var(--border);
      border-radius: 6px;
      overflow: hidden;
    }
    .heads {
      display: grid;
      grid-template-columns: 1fr 1fr;
      font-size: 12px;
      color: var(--muted-strong);
      background: var(--surface);
      border-bottom: 1px solid var(--border);
    }
    .heads span {
      padding: 2px 8px;
    }
  `;

  /** The shipped text ('' when the person added the cell). */
  @property() original = '';
  /** The person's text ('' when they removed the cell). */
  @property() mine = '';
  /** Python gets highlighting; Markdown is shown plain. */
  @property() kind: 'code' | 'markdown' = 'code';
  private view?: MergeView;

  protected override firstUpdated(): void {
    const extensions: Extension = [
      EditorState.readOnly.of(true),
      EditorView.editable.of(false),
      EditorView.lineWrapping,
      editorTheme(),
      // The default marks around "N unchanged lines" are a character few monospace fonts have.
      EditorView.theme({
        '.cm-collapsedLines': { background: 'var(--surface)', color: 'var(--muted-strong)' },
        '.cm-collapsedLines:before, .cm-collapsedLines:after': { content: '"⋯"' },
      }),
      this.kind === 'code' ? python() : [],
    ];
    this.view = new MergeView({
      a: { doc: this.original, extensions: [extensions, EditorView.contentAttributes.of({ 'aria-label': 'Shipped text' })] },
      b: { doc: this.mine, extensions: [extensions, EditorView.contentAttributes.of({ 'aria-label': 'Your text' })] },
      parent: this.renderRoot.querySelector('.diff') ?? undefined,
      root: this.renderRoot as ShadowRoot,
      collapseUnchanged: { margin: 2, minSize: 4 },
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.view?.destroy();
    this.view = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && !this.view) this.firstUpdated();
  }

  protected override render(): unknown {
    return html`<div class="heads" aria-hidden="true"><span>Shipped recipe</span><span>Yours</span></div>
      <div class="diff"></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'retort-cell-diff': RetortCellDiff;
  }
}
