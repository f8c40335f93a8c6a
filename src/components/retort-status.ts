// The runtime's state in words: start-up phase and percent, then "Ready" with the versions.
import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { runtimeContext, type Runtime } from './runtime-context.ts';

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
  `;

  @consume({ context: runtimeContext, subscribe: true }) runtime?: Runtime;
  @state() private tick = 0;
  private listening?: Runtime;
  private readonly refresh = (): void => {
    this.tick += 1;
  };

  protected override willUpdate(): void {
    if (this.listening === this.runtime) return;
    for (const name of ['progress', 'ready', 'status', 'reset']) {
      this.listening?.removeEventListener(name, this.refresh);
      this.runtime?.addEventListener(name, this.refresh);
    }
    this.listening = this.runtime;
  }

  private describe(rt: Runtime): { text: string; percent?: number } {
    const v = rt.versions;
    switch (rt.status) {
      case 'starting': {
        const p = rt.progress;
        return { text: p ? `${p.label}${p.percent !== undefined ? ` · ${Math.round(p.percent)}%` : ''}` : 'Starting Python…', percent: p?.percent };
      }
      case 'ready':
        return { text: v ? `Ready · Python ${v.python} · SQLAlchemy ${v.sqlalchemy} · SQLite ${v.sqlite}` : 'Ready' };
      case 'busy':
        return { text: 'Running…' };
      case 'restarting':
        return { text: 'Restarting Python…' };
      case 'failed':
        return { text: `Python failed to start${rt.progress ? ` (${rt.progress.label})` : ''}` };
    }
  }

  protected override render(): unknown {
    const rt = this.runtime;
    if (!rt) return html`<span class="text">No runtime</span>`;
    const { text, percent } = this.describe(rt);
    return html`<div class="wrap ${rt.status}" role="status" aria-live="polite" data-status=${rt.status}>
      <span class="dot" aria-hidden="true"></span>
      ${rt.status === 'starting' ? html`<progress max="100" value=${percent ?? 0} aria-label="Python start-up"></progress>` : ''}
      <span class="text" title=${text}>${text}</span>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'retort-status': RetortStatus;
  }
}
