// A recipe's title, summary, tags and links into the SQLAlchemy documentation.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { RecipeMeta } from '../notebook/notebook.ts';
import { CATEGORIES } from '../notebook/recipe-meta.ts';

@customElement('retort-recipe-header')
export class RetortRecipeHeader extends LitElement {
  static override styles = css`
    :host {
      display: block;
      padding: 8px 0 4px;
    }
    :host(:focus) {
      outline: none;
    }
    :host(:focus-visible) h1 {
      outline: 2px solid var(--focus);
    }
    .category {
      color: var(--muted-strong);
      font-size: 13px;
      text-transform: uppercase;
      letter-spacing: 0.04em;
    }
    h1 {
      margin: 2px 0 6px;
      font-size: 1.7rem;
      line-height: 1.25;
    }
    .summary {
      margin: 0 0 8px;
      font-size: 1.05rem;
      color: var(--fg);
    }
    .tags {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      list-style: none;
      padding: 0;
      margin: 0 0 8px;
    }
    .tags li {
      font-size: 12px;
      padding: 1px 8px;
      border-radius: 10px;
      background: var(--chip-bg);
      color: var(--fg);
    }
    .docs {
      font-size: 14px;
      margin: 0;
    }
    .docs a {
      color: var(--link);
      margin-right: 12px;
    }
    .docs a:focus-visible {
      outline: 2px solid var(--focus);
    }
  `;

  @property({ attribute: false }) meta?: RecipeMeta;
  /** The title to show for a notebook that is not from a recipe (no `meta`). */
  @property() heading = '';

  protected override render(): unknown {
    const meta = this.meta;
    if (!meta) return html`<div class="category">Notebook</div><h1>${this.heading || 'Untitled notebook'}</h1>`;
    const category = CATEGORIES.find((c) => c.id === meta.category)?.name ?? meta.category;
    return html`<div class="category">${category}</div>
      <h1>${meta.title}</h1>
      <p class="summary">${meta.summary}</p>
      <ul class="tags" aria-label="Tags">
        ${meta.tags.map((t) => html`<li>${t}</li>`)}
      </ul>
      <p class="docs">
        <span>Documentation:</span>
        ${meta.docs.map((d) => html`<a href=${d.url} target="_blank" rel="noopener">${d.title}</a>`)}
      </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'retort-recipe-header': RetortRecipeHeader;
  }
}
