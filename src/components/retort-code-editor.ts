// A CodeMirror 6 editor for one cell. Text goes in through `source`; edits come out as events.
import { consume } from '@lit/context';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { setErrorLine } from '../editor/error-line.ts';
import { cellEditorExtensions, labelCompartment, labelFor, languageCompartment, languageFor, programmatic } from '../editor/setup.ts';
import type { Completions } from '../protocol/runtime-api.ts';
import { CellCommandEvent, CellEditEvent, type CellCommand } from './events.ts';
import { runtimeContext, type Runtime } from './runtime-context.ts';

@customElement('retort-code-editor')
export class RetortCodeEditor extends LitElement {
  static override styles = css`
    :host {
      display: block;
      border: 1px solid var(--border);
      border-radius: 6px;
      overflow: hidden;
    }
    :host(:focus-within) {
      border-color: var(--accent);
      box-shadow: 0 0 0 1px var(--accent);
    }
  `;

  /** The cell this editor belongs to. */
  @property() cellId = '';
  /** The text; setting it replaces the document unless it already matches. */
  @property() source = '';
  @property() kind: 'code' | 'markdown' = 'code';
  /** Accessible name of the editor, e.g. "Code cell 3". */
  @property() label = '';
  /** 1-based line to mark as failing, or null. */
  @property({ type: Number }) errorLine: number | null = null;
  /** The text cannot be changed; set before the editor is first shown. */
  @property({ type: Boolean }) readonly = false;

  @consume({ context: runtimeContext, subscribe: true }) runtime?: Runtime;

  private view?: EditorView;
  private readonly complete = (code: string, offset: number): Promise<Completions> | undefined => this.runtime?.complete(code, offset);

  /** Put the cursor in the editor. */
  focusEditor(): void {
    this.view?.focus();
  }

  /** True when the editor has focus. */
  get editorHasFocus(): boolean {
    return this.view?.hasFocus ?? false;
  }

  private send(command: CellCommand): boolean {
    this.dispatchEvent(new CellCommandEvent(this.cellId, command, true));
    return true;
  }

  protected override firstUpdated(): void {
    const state = EditorState.create({
      doc: this.source,
      extensions: cellEditorExtensions({
        kind: this.kind,
        label: this.label,
        keys: {
          run: () => this.send('run'),
          runAndAdvance: () => this.send('run-advance'),
          runAndInsert: () => this.send('run-insert'),
          leave: () => this.send('leave-editor'),
        },
        complete: this.complete,
        readOnly: this.readonly,
        onEdit: (source) => {
          this.source = source;
          this.dispatchEvent(new CellEditEvent(this.cellId, source));
        },
      }),
    });
    this.view = new EditorView({ state, parent: this.renderRoot as ShadowRoot, root: this.renderRoot as ShadowRoot });
    if (this.errorLine !== null) this.view.dispatch({ effects: setErrorLine.of(this.errorLine) });
  }

  protected override updated(changed: PropertyValues<this>): void {
    const view = this.view;
    if (!view) return;
    if (changed.has('source') && view.state.doc.toString() !== this.source)
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: this.source }, annotations: programmatic.of(true) });
    if (changed.has('kind') && changed.get('kind') !== undefined)
      view.dispatch({ effects: languageCompartment.reconfigure(languageFor(this.kind, this.complete)) });
    if (changed.has('label') && changed.get('label') !== undefined)
      view.dispatch({ effects: labelCompartment.reconfigure(labelFor(this.label)) });
    if (changed.has('errorLine')) view.dispatch({ effects: setErrorLine.of(this.errorLine) });
  }

  protected override render(): unknown {
    return html``;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'retort-code-editor': RetortCodeEditor;
  }
}
