// The person's notebook beside the shipped recipe, cell by cell, with Revert per cell and for all.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CellPair } from '../notebook/cell-diff.ts';
import './retort-cell-diff.ts';

/** Put back one row of the comparison (its index), or everything (`all`). Closing sends `close`. */
export class RevertEvent extends Event {
  static readonly eventName = 'retort-revert';
  constructor(readonly row: number | 'all' | 'close') {
    super(RevertEvent.eventName, { bubbles: true, composed: true });
  }
}

const WHAT: Record<CellPair['kind'], string> = { same: 'unchanged', changed: 'changed', added: 'added by you', removed: 'removed by you' };

@customElement('retort-compare')
export class RetortCompare extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .top,
    .row-head {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 8px 0 4px;
    }
    h2 {
      font-size: 1.1rem;
      margin: 0;
      flex: 1;
    }
    h3 {
      font-size: 14px;
      margin: 0;
      flex: 1;
    }
    button {
      font: inherit;
      font-size: 14px;
      padding: 4px 10px;
      border: 1px solid var(--border);
      border-radius: 6px;
      background: var(--surface);
      color: var(--fg);
      cursor: pointer;
    }
    button:focus-visible {
      outline: 2px solid var(--focus);
      outline-offset: 2px;
    }
    .none {
      color: var(--muted-strong);
    }
  `;

  /** The rows to show, from `pairCells(original, mine)`. */
  @property({ attribute: false }) pairs: readonly CellPair[] = [];

  private send(target: number | 'all' | 'close'): void {
    this.dispatchEvent(new RevertEvent(target));
  }

  protected override render(): unknown {
    const changed = this.pairs.map((p, i) => ({ p, i })).filter(({ p }) => p.kind !== 'same');
    return html`<section aria-labelledby="compare-title">
      <div class="top">
        <h2 id="compare-title">Your changes compared with the shipped recipe</h2>
        ${changed.length > 0 ? html`<button @click=${() => this.send('all')}>Revert all</button>` : nothing}
        <button @click=${() => this.send('close')}>Back to the notebook</button>
      </div>
      ${changed.length === 0 ? html`<p class="none">No differences: every cell is as shipped.</p>` : nothing}
      ${changed.map(({ p, i }) => {
        const original = p.kind === 'added' ? '' : p.original.source;
        const mine = p.kind === 'removed' ? '' : p.mine.source;
        const kind = p.kind === 'added' ? p.mine.kind : p.original.kind;
        const position = this.pairs.slice(0, i + 1).filter((q) => q.kind !== 'removed').length;
        const label = p.kind === 'removed' ? `Shipped cell after cell ${position}, ${WHAT[p.kind]}` : `Cell ${position}, ${WHAT[p.kind]}`;
        return html`<div class="row" data-kind=${p.kind}>
          <div class="row-head">
            <h3>${label}</h3>
            <button @click=${() => this.send(i)} aria-label="Revert ${label}">Revert this cell</button>
          </div>
          <retort-cell-diff .original=${original} .mine=${mine} .kind=${kind}></retort-cell-diff>
        </div>`;
      })}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'retort-compare': RetortCompare;
  }
  interface HTMLElementEventMap {
    'retort-revert': RevertEvent;
  }
}
