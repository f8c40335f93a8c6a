// "My variants" in the side bar: each variant and draft with its recipe and last change, and
// rename, duplicate and delete. Records that could not be read are listed, never removed.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SkippedRecord, Variant } from '../storage/index.ts';
import { myVariantsStyles } from './retort-my-variants.styles.ts';
import { VariantActionEvent } from './variant-events.ts';

const when = (ms: number): string => new Date(ms).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

/** The link that opens a variant: a draft shows on its recipe's page. */
export function variantHref(v: Variant): string {
  return v.draft ? `#/recipe/${v.recipeSlug}` : `#/variant/${v.id}`;
}

@customElement('retort-my-variants')
export class RetortMyVariants extends LitElement {
  static override styles = myVariantsStyles;

  /** Every readable variant, newest change first. */
  @property({ attribute: false }) variants: readonly Variant[] = [];
  /** Stored records that could not be read. */
  @property({ attribute: false }) skipped: readonly SkippedRecord[] = [];
  /** Recipe titles by slug, to name each variant's base recipe. */
  @property({ attribute: false }) titles: ReadonlyMap<string, string> = new Map();
  /** The hash of the page shown, to mark the current variant. */
  @property() current = '';
  @state() private renaming = '';

  private act(action: 'duplicate' | 'delete', v: Variant): void {
    this.dispatchEvent(new VariantActionEvent(action, v.id));
  }

  private async startRename(v: Variant): Promise<void> {
    this.renaming = v.id;
    await this.updateComplete;
    this.renderRoot.querySelector('input')?.select();
  }

  // Escape leaves renaming; it is marked as handled, so the catalog around (at phone width) stays open.
  private readonly renameKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this.renaming = '';
  };

  private rename(event: SubmitEvent, v: Variant): void {
    event.preventDefault();
    const name = (this.renderRoot.querySelector('input')?.value ?? '').trim();
    this.renaming = '';
    if (name && name !== v.name) this.dispatchEvent(new VariantActionEvent('rename', v.id, name));
  }

  private renderItem(v: Variant): unknown {
    const href = variantHref(v);
    // A variant made from a file or a link without a recipe names none.
    const base = v.recipeSlug === '' ? 'not from a recipe' : `from ${this.titles.get(v.recipeSlug) ?? `${v.recipeSlug} (no longer shipped)`}`;
    if (this.renaming === v.id)
      return html`<li>
        <form @submit=${(e: SubmitEvent) => this.rename(e, v)} @keydown=${this.renameKey}>
          <input .value=${v.name} aria-label="New name for ${v.name}" required />
          <button type="submit">Rename</button>
        </form>
      </li>`;
    return html`<li>
      <a href=${href} aria-current=${href === this.current ? 'page' : 'false'}>
        <span class="name">${v.name}</span>${v.draft ? html`<span class="draft">draft</span>` : nothing}
        <div class="meta">${base} · changed ${when(v.updatedAt)}</div>
      </a>
      <div class="actions">
        <button @click=${() => void this.startRename(v)} aria-label="Rename ${v.name}">Rename</button>
        <button @click=${() => this.act('duplicate', v)} aria-label="Duplicate ${v.name}">Duplicate</button>
        <button @click=${() => this.act('delete', v)} aria-label="Delete ${v.name}">Delete</button>
      </div>
    </li>`;
  }

  protected override render(): unknown {
    return html`<section aria-labelledby="mine">
      <h2 id="mine">My variants</h2>
      ${this.variants.length === 0 ? html`<p class="empty">Edit a recipe and your changes appear here.</p>` : nothing}
      <ul>
        ${this.variants.map((v) => this.renderItem(v))}
      </ul>
      ${this.skipped.length > 0
        ? html`<p class="skipped" role="note">
            ${this.skipped.length} saved ${this.skipped.length === 1 ? 'item' : 'items'} could not be read and ${this.skipped.length === 1 ? 'was' : 'were'}
            left untouched: ${this.skipped.map((s) => `“${s.key}”: ${s.reason}`).join('; ')}.
          </p>`
        : nothing}
      <slot></slot>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'retort-my-variants': RetortMyVariants;
  }
}
