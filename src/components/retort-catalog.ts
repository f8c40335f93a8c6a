// The recipe side bar: a search box, and the recipes grouped by category or, while searching, best match first.
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { groupByCategory, loadSearchIndex, searchRecipes, type RecipeEntry } from '../recipes/index.ts';
import { catalogStyles } from './retort-catalog.styles.ts';
import { CATALOG_READY_MARK } from './marks.ts';

@customElement('retort-catalog')
export class RetortCatalog extends LitElement {
  static override styles = catalogStyles;

  /** Every recipe. */
  @property({ attribute: false }) recipes: readonly RecipeEntry[] = [];
  /** The open recipe's slug, marked as the current page. */
  @property() current = '';
  @state() private query = '';
  /** The recipes' code, once fetched: searched beside titles, summaries and tags. */
  @state() private code: ReadonlyMap<string, string> | undefined;
  /** Set when fetching the code failed (offline before it was cached): titles, summaries and tags only. */
  @state() private codeUnavailable = false;
  private fetchingCode = false;

  // The code index is fetched when the search box is first used, not with the page.
  private fetchCode(): void {
    if (this.code || this.fetchingCode) return;
    this.fetchingCode = true;
    loadSearchIndex()
      .then(
        (code) => (this.code = code),
        (error: unknown) => {
          this.codeUnavailable = true;
          console.warn('Searching code is unavailable:', error);
        },
      )
      .finally(() => (this.fetchingCode = false));
  }

  /** Put the cursor in the search box. */
  focusSearch(): void {
    this.renderRoot.querySelector('input')?.focus();
  }

  protected override firstUpdated(): void {
    performance.mark(CATALOG_READY_MARK);
  }

  protected override render(): unknown {
    const found = searchRecipes(this.recipes, this.query, this.code);
    const searching = this.query.trim() !== '';
    const partial = searching && !this.code && !this.codeUnavailable;
    // A search lists its matches best first; otherwise the recipes are grouped by category.
    const groups = !searching ? groupByCategory(found) : found.length > 0 ? [{ id: 'found', name: 'Best matches first', recipes: found }] : [];
    return html`<div class="search" role="search">
        <label for="q">Search recipes</label>
        <input
          id="q"
          type="search"
          placeholder="Title, tag or code, e.g. selectinload"
          autocomplete="off"
          .value=${this.query}
          @focus=${() => this.fetchCode()}
          @input=${(e: InputEvent) => {
            this.query = (e.target as HTMLInputElement).value;
            this.fetchCode();
          }}
        />
        <div class="count" aria-live="polite">${found.length} of ${this.recipes.length} recipes${partial ? ' (searching code…)' : ''}</div>
      </div>
      <nav aria-label="Recipes">
        ${groups.map(
          (g) => html`<section aria-labelledby="cat-${g.id}">
            <h2 id="cat-${g.id}">${g.name}</h2>
            <ul>
              ${g.recipes.map(
                (r) => html`<li>
                  <a href="#/recipe/${r.meta.slug}" aria-current=${r.meta.slug === this.current ? 'page' : 'false'}>
                    <span class="title">${r.meta.title}</span>
                    <span class="summary">${r.meta.summary}</span>
                  </a>
                </li>`,
              )}
            </ul>
          </section>`,
        )}
        ${found.length === 0 && !partial ? html`<p class="empty">No recipe matches “${this.query}”.</p>` : ''}
      </nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'retort-catalog': RetortCatalog;
  }
}
