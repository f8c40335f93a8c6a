// A one-line message at the top of the page, with Undo when the action can be undone.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Notice } from './my-variants.ts';

/** The person dismissed the notice (or used its undo). */
export class NoticeClosedEvent extends Event {
  static readonly eventName = 'retort-notice-closed';
  constructor() {
    super(NoticeClosedEvent.eventName, { bubbles: true, composed: true });
  }
}

@customElement('retort-notice')
export class RetortNotice extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    /* Fixed at the bottom, so it is seen wherever the page is scrolled. */
    .notice {
      position: fixed;
      z-index: 10;
      left: 50%;
      bottom: 16px;
      transform: translateX(-50%);
      width: min(720px, calc(100vw - 32px));
      box-shadow: 0 4px 16px rgb(0 0 0 / 0.2);
      display: flex;
      gap: 8px;
      align-items: center;
      padding: 6px 10px;
      border: 1px solid var(--accent);
      border-radius: 6px;
      background: var(--surface);
    }
    span {
      flex: 1;
    }
    button {
      font: inherit;
      font-size: 14px;
      padding: 3px 10px;
      border: 1px solid var(--border);
      border-radius: 6px;
      background: var(--bg);
      color: var(--fg);
      cursor: pointer;
    }
    button:focus-visible {
      outline: 2px solid var(--focus);
      outline-offset: 2px;
    }
  `;

  /** What to say; nothing is shown without one. */
  @property({ attribute: false }) notice?: Notice;

  private async undo(): Promise<void> {
    const undo = this.notice?.undo;
    this.dispatchEvent(new NoticeClosedEvent());
    await undo?.();
  }

  protected override render(): unknown {
    const notice = this.notice;
    return html`<div role="status" aria-live="polite">
      ${notice
        ? html`<div class="notice">
            <span>${notice.text}</span>
            ${notice.undo ? html`<button @click=${() => void this.undo()}>Undo</button>` : nothing}
            <button @click=${() => this.dispatchEvent(new NoticeClosedEvent())} aria-label="Dismiss message">✕</button>
          </div>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'retort-notice': RetortNotice;
  }
  interface HTMLElementEventMap {
    'retort-notice-closed': NoticeClosedEvent;
  }
}
