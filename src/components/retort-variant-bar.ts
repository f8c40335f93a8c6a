// The strip above a notebook saying whose text it is: the shipped recipe, the person's draft or
// a named variant, with the save state and the actions (Save as, Compare, Discard).
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SaveState, Variant } from '../storage/index.ts';
import { VariantActionEvent } from './variant-events.ts';
import { variantBarStyles } from './retort-variant-bar.styles.ts';

/** The person asked to save the notebook as a named variant. */
export class SaveAsEvent extends Event {
  static readonly eventName = 'retort-save-as';
  constructor(readonly name: string) {
    super(SaveAsEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The person asked to compare the notebook with the shipped recipe. */
export class CompareEvent extends Event {
  static readonly eventName = 'retort-compare';
  constructor() {
    super(CompareEvent.eventName, { bubbles: true, composed: true });
  }
}

const time = (ms: number): string => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

@customElement('retort-variant-bar')
export class RetortVariantBar extends LitElement {
  static override styles = variantBarStyles;

  /** The person's variant on screen, or undefined for the shipped recipe. */
  @property({ attribute: false }) variant?: Variant;
  /** Where saving stands. */
  @property({ attribute: false }) saveState: SaveState = { kind: 'idle' };
  /** The title of the recipe it came from. */
  @property() recipeTitle = '';
  /** The shipped recipe changed since this variant was made. */
  @property({ type: Boolean }) baseChanged = false;
  /** There is a shipped recipe to compare with (not so for a notebook made from a file or a link). */
  @property({ type: Boolean }) canCompare = true;
  @state() private naming = false;

  private stateText(): string {
    const s = this.saveState;
    if (s.kind === 'pending') return 'Unsaved changes…';
    if (s.kind === 'saving') return 'Saving…';
    if (s.kind === 'saved') return `Saved ${time(s.at)}`;
    if (s.kind === 'failed') return 'Not saved';
    return '';
  }

  private async startNaming(): Promise<void> {
    this.naming = true;
    await this.updateComplete;
    this.renderRoot.querySelector('input')?.select();
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const name = (this.renderRoot.querySelector('input')?.value ?? '').trim();
    if (!name) return;
    this.naming = false;
    this.dispatchEvent(new SaveAsEvent(name));
  }

  private renderSaveAs(): unknown {
    if (!this.naming) return html`<button @click=${() => void this.startNaming()}>Save as…</button>`;
    const suggestion = `${this.variant?.draft === false ? this.variant.name : this.recipeTitle} (mine)`;
    return html`<form @submit=${this.submit} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.naming = false)}>
      <label for="name">Name</label>
      <input id="name" required .value=${suggestion} />
      <button type="submit">Save</button>
      <button type="button" @click=${() => (this.naming = false)}>Cancel</button>
    </form>`;
  }

  protected override render(): unknown {
    const v = this.variant;
    const mine = v !== undefined;
    const label = !v ? 'Shipped recipe' : v.draft ? 'Your draft' : 'Your variant';
    const failed = this.saveState.kind === 'failed' ? this.saveState.message : '';
    return html`<div class="bar ${mine ? 'mine' : ''}" role="region" aria-label="Whose notebook this is">
        <span class="badge">${label}</span>
        ${v && !v.draft ? html`<strong class="name">${v.name}</strong>` : nothing}
        <span class="state" role="status" aria-live="polite">${mine ? this.stateText() : 'Edit any cell: your changes are kept as your draft.'}</span>
        <span class="spacer"></span>
        ${this.renderSaveAs()}
        ${mine && this.canCompare ? html`<button @click=${() => this.dispatchEvent(new CompareEvent())}>Compare with original</button>` : nothing}
        ${v?.draft ? html`<button @click=${() => this.dispatchEvent(new VariantActionEvent('discard', v.id))}>Back to the original</button>` : nothing}
      </div>
      ${this.baseChanged
        ? html`<div class="alert" role="note">
            The shipped recipe has changed since you made this. <button @click=${() => this.dispatchEvent(new CompareEvent())}>See the differences</button>
          </div>`
        : nothing}
      ${failed ? html`<div class="alert" role="alert">${failed}</div>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'retort-variant-bar': RetortVariantBar;
  }
  interface HTMLElementEventMap {
    'retort-save-as': SaveAsEvent;
    'retort-compare': CompareEvent;
  }
}
