// The app shell: header (status, theme, help), the catalog side bar and the current view.
// The notebook view (and with it CodeMirror) is loaded only when a recipe is opened, so the
// catalog is usable at once.
import { provide } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { keyed } from 'lit/directives/keyed.js';
import { nearRecipes, recipes } from '../recipes/index.ts';
import { appStyles } from './retort-app.styles.ts';
import type { RetortShortcutsDialog } from './retort-shortcuts-dialog.ts';
import { MyVariants, type Opened } from './my-variants.ts';
import { parseRoute, routeHash, type Route } from './route.ts';
import { runtimeContext, type Runtime } from './runtime-context.ts';
import { currentTheme, toggleTheme, type Theme } from './theme.ts';
import { VariantActionEvent, VariantMovedEvent, VariantNoticeEvent } from './variant-events.ts';
import { KeepSharedEvent } from './retort-shared-banner.ts';
import { FileProblemEvent, NotebookFileOpenEvent } from './file-events.ts';
import { FileDropController } from './file-drop.ts';
import './retort-file-open.ts';
import './retort-catalog.ts';
import './retort-backup.ts';
import './retort-my-variants.ts';
import './retort-notice.ts';
import './retort-status.ts';
import './retort-start-problem.ts';
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
  /** What the main area shows; `key` changes whenever it must be opened afresh. */
  @state() private opened?: Opened & { key: string };
  private generation = 0;
  private readonly mine = new MyVariants(this, () => void this.resolve());
  /** Files dropped anywhere on the page open as a new notebook. */
  private readonly drop = new FileDropController(this);
  private readonly titles = new Map(recipes.map((r) => [r.meta.slug, r.meta.title]));

  private readonly onHash = (): void => {
    this.route = parseRoute(location.hash);
    this.catalogOpen = false;
    void this.resolve();
  };

  constructor() {
    super();
    this.addEventListener(VariantActionEvent.eventName, (e) => void this.act(e));
    this.addEventListener(VariantNoticeEvent.eventName, (e) => this.mine.say({ text: e.text, undo: e.undo }));
    this.addEventListener('retort-notice-closed', () => this.mine.say(undefined));
    this.addEventListener('retort-backup', (e) => void this.mine.backup(e));
    this.addEventListener(VariantMovedEvent.eventName, (e) => this.moved(e.variantId));
    this.addEventListener(KeepSharedEvent.eventName, () => void this.keepShared());
    this.addEventListener(NotebookFileOpenEvent.eventName, (e) => void this.keepFile(e));
    this.addEventListener(FileProblemEvent.eventName, (e) => this.mine.say({ text: e.message }));
  }

  // At phone width the catalog replaces the notebook on screen. Opened from the keyboard (a click
  // with no pointer, `detail` 0), it takes the focus to its search box, else the keyboard would be
  // left on a button beside a panel it cannot see; a tap leaves the focus be, so that a phone does
  // not raise its on-screen keyboard over the list. Escape closes it again, back to the menu button,
  // unless something inside used it (a field with text, which Escape clears; a rename it cancels).
  private async toggleCatalog(event: MouseEvent): Promise<void> {
    this.catalogOpen = !this.catalogOpen;
    if (!this.catalogOpen || event.detail !== 0) return;
    await this.updateComplete;
    this.renderRoot.querySelector('retort-catalog')?.focusSearch();
  }

  private readonly catalogKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented || !this.catalogOpen) return;
    const target = event.composedPath()[0];
    const menu = this.renderRoot.querySelector<HTMLButtonElement>('button.menu');
    if ((target instanceof HTMLInputElement && target.value !== '') || !menu?.checkVisibility()) return;
    event.preventDefault();
    this.catalogOpen = false;
    menu.focus();
  };

  // Opened or dropped files become a new variant at once, so nothing read is ever only on screen.
  private async keepFile(event: NotebookFileOpenEvent): Promise<void> {
    const variant = await this.mine.keep(event.notebook, event.notebook.title);
    if (!variant) return;
    const what = event.fileNames.length === 1 ? `“${event.fileNames[0]}”` : `${event.fileNames.length} files`;
    this.mine.say({ text: [`Opened ${what} as your variant “${variant.name}”.`, ...event.notes].join(' ') });
    location.hash = `#/variant/${variant.id}`;
  }

  // "Save to my variants" on a notebook opened from a link: it becomes the person's, editable.
  private async keepShared(): Promise<void> {
    const shared = this.opened?.shared;
    if (!shared) return;
    const variant = await this.mine.keep(shared.notebook, shared.notebook.title);
    if (!variant) return;
    this.mine.say({ text: `Saved “${variant.name}” to your variants. It is yours now: edits are saved as you type.` });
    location.hash = `#/variant/${variant.id}`;
  }

  // The open notebook continues on a copy: point the address and the side bar at it without
  // opening it afresh (the element keeps its text, its runs and any edit typed meanwhile).
  private moved(id: string): void {
    history.replaceState(null, '', `#/variant/${id}`);
    this.route = { name: 'variant', id };
  }

  // The open notebook's edits are saved first, so the action sees (and an undo restores) all of them.
  private async act(event: VariantActionEvent): Promise<void> {
    await this.renderRoot.querySelector('retort-notebook')?.flushSaves();
    await this.mine.act(event, this.shownId());
  }

  /** The id of the variant on screen, if any. */
  private shownId(): string | undefined {
    return this.route.name === 'variant' ? this.route.id : this.opened?.variant?.id;
  }

  // Find the person's draft or variant for the route (storage is asynchronous), then show it.
  private async resolve(): Promise<void> {
    const route = this.route;
    const generation = ++this.generation;
    if (route.name === 'home') return;
    const [opened] = await Promise.all([this.mine.open(route), import('./retort-notebook.ts')]);
    if (generation !== this.generation) return;
    this.opened = { ...opened, key: `${routeHash(route)}#${generation}` };
    await this.updateComplete;
    await this.renderRoot.querySelector('retort-notebook')?.focusHeading();
  }

  // Past the header and the catalog in one key press: to the notebook's heading, or the page.
  private readonly skipToMain = (): void => {
    const notebook = this.renderRoot.querySelector('retort-notebook');
    if (notebook) void notebook.focusHeading();
    else this.renderRoot.querySelector<HTMLElement>('main')?.focus();
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
    void this.resolve();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
    window.removeEventListener('keydown', this.onKey);
  }

  private renderMain(): unknown {
    const route = this.route;
    if (route.name !== 'home') {
      const opened = this.opened;
      if (!opened) return html`<p class="welcome" role="status">Opening…</p>`;
      const { recipe, variant, shared, problem } = opened;
      // A new element per opening: its runner then claims the namespace afresh (restart, files).
      // A variant whose recipe is not shipped (made from a file or a link) opens on its own.
      if (recipe || variant || shared)
        return keyed(
          opened.key,
          html`<retort-notebook
            .store=${this.mine.store}
            .journal=${this.mine.journal}
            .variant=${variant}
            .recipe=${recipe}
            .shared=${shared}
          ></retort-notebook>`,
        );
      if (problem)
        return html`<div class="welcome" role="alert">
          <h1>This link cannot be opened</h1>
          <p>${problem}</p>
          <p>Nothing was run and your saved variants are untouched. Pick a recipe from the list, or <a href="#/">go to the start</a>.</p>
        </div>`;
      if (route.name === 'variant')
        return html`<div class="welcome"><h1>Variant not found</h1><p>There is no saved variant “${route.id}” in this browser. Pick one from “My variants”, or import a backup.</p></div>`;
      if (route.name === 'recipe') {
        const near = nearRecipes(recipes, route.slug);
        return html`<div class="welcome">
          <h1>Recipe not found</h1>
          <p>There is no recipe called “${route.slug}”. ${near.length > 0
              ? 'It may have been renamed: perhaps one of these.'
              : html`Pick one from <a href="#/">the list of recipes</a>, or search it for a title, a tag or a bit of code.`}</p>
          ${near.length > 0
            ? html`<ul class="near">
                ${near.map(({ meta }) => html`<li><a href=${routeHash({ name: 'recipe', slug: meta.slug })}>${meta.title}</a></li>`)}
              </ul>`
            : nothing}
        </div>`;
      }
    }
    return html`<div class="welcome">
      <h1>SQLAlchemy recipes you can run</h1>
      <p>Pick a recipe from the list, or search for a title, a tag or a bit of code. Each recipe is a notebook: run its cells with
        <kbd>Shift</kbd>+<kbd>Enter</kbd>, change them, and see the SQL every cell sent to the database.</p>
      <p>Have a notebook of your own? Open a <code>.py</code>, <code>.ipynb</code> or recipe <code>.md</code> file with “Open file…”, or drop it on the page.</p>
      <p>Python runs in your browser. Press <kbd>?</kbd> for keyboard shortcuts.</p>
    </div>`;
  }

  protected override render(): unknown {
    const slug = this.route.name === 'recipe' ? this.route.slug : '';
    const hash = routeHash(this.route);
    const showCatalog = this.route.name === 'home' || this.catalogOpen;
    return html`<header>
        <button class="skip" @click=${this.skipToMain}>Skip to the ${this.route.name === 'home' ? 'page' : 'notebook'}</button>
        <button class="menu" aria-expanded=${this.catalogOpen} aria-controls="catalog" @click=${(e: MouseEvent) => void this.toggleCatalog(e)}>
          ☰ <span class="visually-hidden">Recipes</span>
        </button>
        <a class="brand" href="#/">Retort</a>
        <retort-status></retort-status>
        <span class="spacer"></span>
        <retort-file-open></retort-file-open>
        <button class="icon" @click=${() => this.shortcuts.show()} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">?</button>
        <button
          class="icon theme"
          @click=${() => (this.theme = toggleTheme())}
          aria-label="Switch to ${this.theme === 'dark' ? 'light' : 'dark'} theme"
          title="Switch theme"
        >${this.theme === 'dark' ? '☀' : '☾'}</button>
      </header>
      <retort-start-problem></retort-start-problem>
      <div class=${classMap({ layout: true, 'show-catalog': showCatalog })}>
        <aside id="catalog" aria-label="Recipe catalog" @keydown=${this.catalogKey}>
          <retort-my-variants
            .variants=${this.mine.variants}
            .skipped=${this.mine.skipped}
            .titles=${this.titles}
            .current=${hash}
            ><retort-backup></retort-backup
          ></retort-my-variants>
          <retort-catalog .recipes=${recipes} .current=${slug}></retort-catalog>
        </aside>
        <main tabindex="-1"><retort-notice .notice=${this.mine.notice}></retort-notice>${this.renderMain()}</main>
      </div>
      <retort-shortcuts-dialog></retort-shortcuts-dialog>
      ${this.drop.dragging || this.drop.reading
        ? html`<div class="drop-overlay" role="status">
            ${this.drop.reading ? 'Reading…' : 'Drop .py, .ipynb or .md files to open them as a new notebook (several files: one notebook and its modules).'}
          </div>`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'retort-app': RetortApp;
  }
}
