import { css } from 'lit';

export const cellStyles = css`
  :host {
    display: block;
  }
  .cell {
    display: grid;
    grid-template-columns: 5.5em minmax(0, 1fr);
    gap: 8px;
    padding: 6px 8px 6px 0;
    border-radius: 8px;
    border-left: 4px solid transparent;
  }
  .cell:focus {
    outline: none;
  }
  .cell:focus-visible,
  .cell:focus {
    border-left-color: var(--accent);
    background: var(--selected-bg);
  }
  .cell:focus-visible {
    outline: 2px solid var(--focus);
    outline-offset: 1px;
  }
  :host([stale]) .cell.code {
    border-left-color: var(--stale);
  }
  .gutter {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 2px;
    font-family: var(--mono);
    font-size: 12px;
    color: var(--muted);
    padding-top: 30px;
  }
  .count {
    color: var(--muted-strong);
    white-space: pre;
  }
  .running {
    color: var(--accent-text);
    font-weight: 600;
  }
  .running::before {
    content: '';
    display: inline-block;
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--accent);
    margin-right: 4px;
    animation: pulse 1s ease-in-out infinite;
  }
  @keyframes pulse {
    50% {
      opacity: 0.3;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .running::before {
      animation: none;
    }
  }
  .stale-mark {
    color: var(--stale-text);
    font-weight: 600;
  }
  .body {
    min-width: 0;
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  .toolbar {
    display: flex;
    gap: 2px;
    justify-content: flex-end;
  }
  /* Where there is a pointer, the toolbar shows on hover; keyboard focus always shows it. */
  @media (hover: hover) {
    .toolbar {
      opacity: 0;
    }
    .cell:hover .toolbar,
    .cell:focus-within .toolbar {
      opacity: 1;
    }
  }
  button {
    font: inherit;
    font-size: 12px;
    padding: 2px 8px;
    border: 1px solid var(--border);
    border-radius: 4px;
    background: var(--surface);
    color: var(--fg);
    cursor: pointer;
  }
  button:hover {
    border-color: var(--accent);
  }
  button:focus-visible {
    outline: 2px solid var(--focus);
    outline-offset: 1px;
  }
  .prose {
    line-height: 1.6;
    padding: 0 4px;
    cursor: text;
  }
  .prose :first-child {
    margin-top: 0;
  }
  .prose code {
    font-family: var(--mono);
    font-size: 0.92em;
    background: var(--code-bg);
    padding: 1px 4px;
    border-radius: 3px;
  }
  .prose pre {
    background: var(--code-bg);
    padding: 8px;
    border-radius: 6px;
    overflow: auto;
  }
  .prose pre code {
    padding: 0;
  }
  .prose a {
    color: var(--link);
  }
  @media (max-width: 640px) {
    .cell {
      grid-template-columns: minmax(0, 1fr);
      padding-left: 6px;
    }
    .gutter {
      flex-direction: row;
      justify-content: flex-start;
      gap: 8px;
      padding-top: 0;
    }
  }
`;
