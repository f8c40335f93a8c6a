// A start of Python that failed, or has made no progress for a minute, in words under the header:
// why, what to do, and a button to start again. It takes its own room in the page, so it covers
// nothing (the recipe's title stays in view), and it is gone once Python starts again.
import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { buttonStyles } from './button.styles.ts';
import { runtimeContext, type Runtime } from './runtime-context.ts';
import { RuntimeWatch } from './runtime-watch.ts';

@customElement('retort-start-problem')
export class RetortStartProblem extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: block;
      }
      .problem {
        display: flex;
        gap: 10px;
        align-items: center;
        padding: 8px 12px;
        border-bottom: 1px solid var(--accent);
        background: var(--surface);
        color: var(--fg);
        font-size: 14px;
      }
      .problem.failed {
        border-bottom-color: var(--error);
        background: var(--error-bg);
      }
      span {
        flex: 1;
        max-width: 72ch;
      }
      button {
        flex: none;
      }
    `,
  ];

  @consume({ context: runtimeContext, subscribe: true }) runtime?: Runtime;
  private readonly watch = new RuntimeWatch(this);

  /** What went wrong with the start and what to do, or nothing while all is well. */
  private problem(rt: Runtime): { failed: boolean; text: string; action: string } | undefined {
    if (rt.status === 'failed') {
      const why = (rt.error ?? 'no reason was given').replace(/\.$/, '');
      return { failed: true, text: `Python could not start: ${why}. Check the connection, then try again; your edits are kept.`, action: 'Try again' };
    }
    if (rt.slowStart && (rt.status === 'starting' || rt.status === 'restarting'))
      return {
        failed: false,
        text: 'Python\'s start has made no progress for a minute: a download may have stalled. Starting again keeps your edits.',
        action: 'Start again',
      };
    return undefined;
  }

  /**
   * When the message appears its button takes the focus, unless the person is typing somewhere: a
   * keyboard is then one Enter from starting again, without a trip through the header's buttons.
   */
  private hadProblem = false;
  /** Where the focus was when the button took it; it goes back there when the message goes. */
  private focusBefore?: HTMLElement;

  protected override updated(): void {
    const button = this.renderRoot.querySelector('button');
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
    const problem = this.runtime && this.problem(this.runtime);
    if (!problem) return nothing;
    return html`<div class="problem ${problem.failed ? 'failed' : ''}" role="alert">
      <span>${problem.text}</span>
      <button type="button" @click=${this.startAgain}>${problem.action}</button>
    </div>`;
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
    'retort-start-problem': RetortStartProblem;
  }
}
