// The runtime's state in words: start-up phase and percent, then "Ready" with the versions. A
// start that failed, or has made no progress for a minute, is explained under the header by
// retort-start-problem.
import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { runtimeContext, type Runtime } from './runtime-context.ts';
import { RuntimeWatch } from './runtime-watch.ts';

@customElement('retort-status')
export class RetortStatus extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      align-items: center;
      gap: 8px;
      font-size: 13px;
      color: var(--muted-strong);
      min-width: 0;
    }
    .dot {
      flex: none;
      width: 9px;
      height: 9px;
      border-radius: 50%;
      background: var(--muted);
    }
    .ready .dot {
      background: var(--ok);
    }
    .busy .dot {
      background: var(--accent);
    }
    .failed .dot {
      background: var(--error);
    }
    .text {
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .short {
      display: none;
    }
    progress {
      width: 80px;
      accent-color: var(--accent);
    }
    .wrap {
      display: flex;
      align-items: center;
      gap: 8px;
      min-width: 0;
    }
    /* In a narrow window the status takes the header's free room (retort-app.styles.ts). When
       that room is a word's, the short form is shown; a screen reader still hears the full text. */
    @media (max-width: 800px) {
      :host {
        container-type: inline-size;
      }
    }
    @container (max-width: 200px) {
      .short {
        display: inline;
      }
      .long {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
      }
      progress {
        width: 48px;
      }
    }
  `;

  @consume({ context: runtimeContext, subscribe: true }) runtime?: Runtime;
  private readonly watch = new RuntimeWatch(this);

  /**
   * The status in words, and in one word for a narrow header. `figure` follows the words on
   * screen but is not announced: during a download it changes several times a second, and the
   * progress bar carries it for a screen reader.
   */
  private describe(rt: Runtime): { text: string; short: string; percent?: number; figure?: string } {
    const v = rt.versions;
    switch (rt.status) {
      case 'starting': {
        const p = rt.progress;
        const figure = p?.percent !== undefined ? ` · ${Math.round(p.percent)}%` : undefined;
        // In a narrow header the progress bar says it alone: there is no room for words beside it.
        return { text: p ? p.label : 'Starting Python…', short: '', percent: p?.percent, figure };
      }
      case 'ready':
        return { text: v ? `Ready · Python ${v.python} · SQLAlchemy ${v.sqlalchemy} · SQLite ${v.sqlite}` : 'Ready', short: 'Ready' };
      case 'busy':
        return { text: 'Running…', short: 'Running' };
      case 'restarting':
        return { text: 'Restarting Python…', short: 'Starting' };
      case 'failed':
        return { text: 'Python could not start', short: 'Failed' };
    }
  }

  protected override render(): unknown {
    const rt = this.runtime;
    if (!rt) return html`<span class="text">No runtime</span>`;
    const { text, short, percent, figure } = this.describe(rt);
    return html`<div class="wrap ${rt.status}" role="status" aria-live="polite" data-status=${rt.status}>
        <span class="dot" aria-hidden="true"></span>
        ${rt.status === 'starting' ? html`<progress max="100" value=${percent ?? 0} aria-label="Python start-up"></progress>` : ''}
        <span class="text long" title=${text + (figure ?? '')}>${text}${figure ? html`<span aria-hidden="true">${figure}</span>` : ''}</span>
        <span class="text short" title=${text} aria-hidden="true">${short}</span>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'retort-status': RetortStatus;
  }
}
