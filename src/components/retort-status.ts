// The runtime's state in words: start-up phase and percent, then "Ready" with the versions. A
// start that failed, or has gone on for a minute, also gets a message under the header that says
// why and offers to start again.
import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { buttonStyles } from './button.styles.ts';
import { runtimeContext, type Runtime } from './runtime-context.ts';

@customElement('retort-status')
export class RetortStatus extends LitElement {
  static override styles = [
    buttonStyles,
    css`
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
      /* Under the header, where it is seen whatever the page shows; the header has no room for it. */
      .problem {
        position: fixed;
        z-index: 10;
        top: 52px;
        left: 50%;
        transform: translateX(-50%);
        width: min(720px, calc(100vw - 32px));
        box-sizing: border-box;
        display: flex;
        gap: 10px;
        align-items: center;
        padding: 8px 12px;
        border: 1px solid var(--accent);
        border-radius: 6px;
        background: var(--surface);
        color: var(--fg);
        font-size: 14px;
        box-shadow: 0 4px 16px rgb(0 0 0 / 0.2);
      }
      .problem.failed {
        border-color: var(--error);
      }
      .problem span {
        flex: 1;
      }
      .problem button {
        flex: none;
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
    `,
  ];

  @consume({ context: runtimeContext, subscribe: true }) runtime?: Runtime;
  @state() private tick = 0;
  private listening?: Runtime;
  private readonly refresh = (): void => {
    this.tick += 1;
  };

  protected override willUpdate(): void {
    if (this.listening === this.runtime) return;
    for (const name of ['progress', 'ready', 'status', 'reset', 'slow']) {
      this.listening?.removeEventListener(name, this.refresh);
      this.runtime?.addEventListener(name, this.refresh);
    }
    this.listening = this.runtime;
  }

  /** The status in words, and in one word for a narrow header. */
  private describe(rt: Runtime): { text: string; short: string; percent?: number } {
    const v = rt.versions;
    switch (rt.status) {
      case 'starting': {
        const p = rt.progress;
        // In a narrow header the progress bar says it alone: there is no room for words beside it.
        return { text: p ? `${p.label}${p.percent !== undefined ? ` · ${Math.round(p.percent)}%` : ''}` : 'Starting Python…', short: '', percent: p?.percent };
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

  /** What went wrong with the start and what to do, or nothing while all is well. */
  private problem(rt: Runtime): { failed: boolean; text: string; action: string } | undefined {
    if (rt.status === 'failed') {
      const why = (rt.error ?? 'no reason was given').replace(/\.$/, '');
      return { failed: true, text: `Python could not start: ${why}. Check the connection, then try again; your edits are kept.`, action: 'Try again' };
    }
    if (rt.slowStart && (rt.status === 'starting' || rt.status === 'restarting'))
      return {
        failed: false,
        text: 'Python has been starting for over a minute: the connection may be slow, or a download may have stalled. Starting again keeps your edits.',
        action: 'Start again',
      };
    return undefined;
  }

  /**
   * The banner's button is in the header, which the page's Tab order reaches last (the first Tab
   * goes to the page). So when the banner appears it takes the focus, unless the person is typing
   * somewhere: a keyboard is then one Enter from starting again.
   */
  private hadProblem = false;
  /** Where the focus was when the banner took it; it goes back there when the banner goes. */
  private focusBefore?: HTMLElement;

  protected override updated(): void {
    const button = this.renderRoot.querySelector<HTMLButtonElement>('.problem button');
    if (button && !this.hadProblem && !typing()) {
      const before = deepActiveElement();
      this.focusBefore = before instanceof HTMLElement && before !== document.body ? before : undefined;
      button.focus();
    }
    if (!button && this.hadProblem) {
      // The button had the focus and is gone (Try again was pressed): without this the focus
      // falls to the start of the page.
      const active = deepActiveElement();
      if ((active === null || active === document.body) && this.focusBefore?.isConnected) this.focusBefore.focus();
      this.focusBefore = undefined;
    }
    this.hadProblem = button !== null;
  }

  private startAgain(): void {
    // A new start that fails is reported like the first: the status turns to failed again.
    void this.runtime?.startAgain().catch(() => {});
  }

  protected override render(): unknown {
    const rt = this.runtime;
    if (!rt) return html`<span class="text">No runtime</span>`;
    const { text, short, percent } = this.describe(rt);
    const problem = this.problem(rt);
    return html`<div class="wrap ${rt.status}" role="status" aria-live="polite" data-status=${rt.status}>
        <span class="dot" aria-hidden="true"></span>
        ${rt.status === 'starting' ? html`<progress max="100" value=${percent ?? 0} aria-label="Python start-up"></progress>` : ''}
        <span class="text long" title=${text}>${text}</span>
        <span class="text short" title=${text} aria-hidden="true">${short}</span>
      </div>
      ${problem
        ? html`<div class="problem ${problem.failed ? 'failed' : ''}" role="alert">
            <span>${problem.text}</span>
            <button type="button" @click=${this.startAgain}>${problem.action}</button>
          </div>`
        : ''}`;
  }
}

/** Whether the focus is where a person types (a code editor, a text field), through shadow roots. */
function typing(): boolean {
  const active = deepActiveElement();
  return active instanceof HTMLElement && (active.isContentEditable || active.matches('input, textarea, select'));
}

/** The focused element, looked for inside shadow roots. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

declare global {
  interface HTMLElementTagNameMap {
    'retort-status': RetortStatus;
  }
}
