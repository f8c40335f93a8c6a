// The strip above a notebook opened from a share link: where it came from, what it was made
// with, that nothing has run, and the way to keep it. Shown instead of the variant bar.
import { LitElement, css, html, nothing } from 'lit';
import { buttonStyles } from './button.styles.ts';
import { customElement, property } from 'lit/decorators.js';
import type { Notebook } from '../notebook/notebook.ts';
import type { ShareVersions } from '../notebook/share-link.ts';
import type { RuntimeVersions } from '../protocol/runtime-api.ts';

/** A notebook decoded from a share link, shown read-only until the person keeps it. */
export interface SharedNotebook {
  notebook: Notebook;
  /** What the sender's page ran. */
  versions: ShareVersions;
  /** The recipe the link names, known to this catalog or not. */
  recipeSlug?: string;
}

/** The person asked to keep the shared notebook as one of their variants. */
export class KeepSharedEvent extends Event {
  static readonly eventName = 'retort-keep-shared';
  constructor() {
    super(KeepSharedEvent.eventName, { bubbles: true, composed: true });
  }
}

@customElement('retort-shared-banner')
export class RetortSharedBanner extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: block;
        margin: 8px 0;
      }
      .banner {
        border: 1px solid var(--accent);
        border-left-width: 4px;
        border-radius: 6px;
        padding: 8px 12px;
        background: var(--surface);
      }
      p {
        margin: 4px 0;
      }
      .actions {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
        margin-top: 8px;
      }
    `,
  ];

  @property({ attribute: false }) shared?: SharedNotebook;
  /** What this page runs, once Python is ready. */
  @property({ attribute: false }) runtimeVersions?: RuntimeVersions;

  private origin(): string {
    const shared = this.shared!;
    const recipe = shared.notebook.recipe;
    if (recipe) return `It is a changed copy of the recipe “${recipe.title}”.`;
    if (shared.recipeSlug) return `It names a recipe, “${shared.recipeSlug}”, that this version of Retort does not ship.`;
    return 'It is not from one of the recipes here.';
  }

  private versions(): string {
    const made = this.shared!.versions;
    const here = this.runtimeVersions;
    const text = `It was made with Python ${made.python} and SQLAlchemy ${made.sqlalchemy}.`;
    if (!here || (here.python === made.python && here.sqlalchemy === made.sqlalchemy)) return text;
    return `${text} This page runs Python ${here.python} and SQLAlchemy ${here.sqlalchemy}, so results may differ.`;
  }

  protected override render(): unknown {
    if (!this.shared) return nothing;
    return html`<div class="banner" role="region" aria-label="Shared notebook">
      <p><strong>Opened from a share link, read-only.</strong> ${this.origin()} ${this.versions()}</p>
      <p>Nothing has run. Read the code first: Run executes the sender’s code in this tab.</p>
      <div class="actions">
        <button class="primary" @click=${() => this.dispatchEvent(new KeepSharedEvent())}>Save to my variants</button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'retort-shared-banner': RetortSharedBanner;
  }
  interface HTMLElementEventMap {
    'retort-keep-shared': KeepSharedEvent;
  }
}
