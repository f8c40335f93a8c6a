// The app shell: header (status, theme, help), the catalog side bar and the current view.
// The notebook view (and with it CodeMirror) is loaded only when a recipe is opened, so the
// catalog is usable at once.
import { provide } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { keyed } from 'lit/directives/keyed.js';
import { findRecipe, recipes } from '../recipes/index.ts';
import { appStyles } from './retort-app.styles.ts';
import type { RetortShortcutsDialog } from './retort-shortcuts-dialog.ts';
import { parseRoute, type Route } from './route.ts';
import { runtimeContext, type Runtime } from './runtime-context.ts';
import { currentTheme, toggleTheme, type Theme } from './theme.ts';
import './retort-catalog.ts';
import './retort-status.ts';
import './retort-shortcuts-dialog.ts';

@customElement('retort-app')
export class RetortApp extends LitElement {
  static override styles = appStyles;

  /** The page's Python runtime, shared with every element. */
  @provide({ context: runtimeContext })
  @property({ attribute: false })
  runtime?: Runtime;

  @state() private route: Route = parseRoute(location.hash);
  @state() private theme: Theme = currentTheme();
  /** At phone width the catalog is a panel shown on demand. */
  @state() private catalogOpen = false;
  @query('retort-shortcuts-dialog') private shortcuts!: RetortShortcutsDialog;

  private readonly onHash = (): void => {
    this.route = parseRoute(location.hash);
    this.catalogOpen = false;
    if (this.route.name === 'recipe') void this.openNotebook();
  };

  private readonly onKey = (event: KeyboardEvent): void => {
    if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.composedPath()[0];
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    this.shortcuts.show();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    window.addEventListener('keydown', this.onKey);
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => (this.theme = currentTheme()));
    if (this.route.name === 'recipe') void import('./retort-notebook.ts');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
    window.removeEventListener('keydown', this.onKey);
  }

  private async openNotebook(): Promise<void> {
    await import('./retort-notebook.ts');
    await this.updateComplete;
    await this.renderRoot.querySelector('retort-notebook')?.focusHeading();
  }

  private renderMain(): unknown {
    const route = this.route;
    if (route.name === 'recipe') {
      const recipe = findRecipe(route.slug);
      // A new element per recipe: its runner then claims the namespace afresh (restart, files).
      if (recipe) return keyed(recipe.meta.slug, html`<retort-notebook .recipe=${recipe}></retort-notebook>`);
      return html`<div class="welcome"><h1>Recipe not found</h1><p>There is no recipe called “${route.slug}”. Pick one from the list.</p></div>`;
    }
    return html`<div class="welcome">
      <h1>SQLAlchemy recipes you can run</h1>
      <p>Pick a recipe from the list, or search for a title, a tag or a bit of code. Each recipe is a notebook: run its cells with
        <kbd>Shift</kbd>+<kbd>Enter</kbd>, change them, and see the SQL every cell sent to the database.</p>
      <p>Python runs in your browser. Press <kbd>?</kbd> for keyboard shortcuts.</p>
    </div>`;
  }

  protected override render(): unknown {
    const slug = this.route.name === 'recipe' ? this.route.slug : '';
    const showCatalog = this.route.name === 'home' || this.catalogOpen;
    return html`<header>
        <button class="menu" aria-expanded=${this.catalogOpen} aria-controls="catalog" @click=${() => (this.catalogOpen = !this.catalogOpen)}>
          ☰ <span class="visually-hidden">Recipes</span>
        </button>
        <a class="brand" href="#/">Retort</a>
        <retort-status></retort-status>
        <span class="spacer"></span>
        <button class="icon" @click=${() => this.shortcuts.show()} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">?</button>
        <button
          class="icon theme"
          @click=${() => (this.theme = toggleTheme())}
          aria-label="Switch to ${this.theme === 'dark' ? 'light' : 'dark'} theme"
          title="Switch theme"
        >${this.theme === 'dark' ? '☀' : '☾'}</button>
      </header>
      <div class=${classMap({ layout: true, 'show-catalog': showCatalog })}>
        <aside id="catalog" aria-label="Recipe catalog">
          <retort-catalog .recipes=${recipes} .current=${slug}></retort-catalog>
        </aside>
        <main>${this.renderMain()}</main>
      </div>
      <retort-shortcuts-dialog></retort-shortcuts-dialog>
      ${nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'retort-app': RetortApp;
  }
}
