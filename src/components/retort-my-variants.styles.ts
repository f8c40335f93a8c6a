import { css } from 'lit';

export const myVariantsStyles = css`
  :host {
    display: block;
    border-bottom: 1px solid var(--border);
    max-height: 45%;
    overflow: auto;
    padding: 8px 12px;
  }
  h2 {
    font-size: 13px;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--muted-strong);
    margin: 0 0 6px;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li {
    padding: 4px 0;
    border-bottom: 1px solid var(--border);
  }
  a {
    color: var(--fg);
    text-decoration: none;
    display: block;
  }
  a[aria-current='page'] {
    background: var(--selected-bg);
    box-shadow: inset 3px 0 0 var(--accent);
    padding-left: 6px;
  }
  .name {
    font-weight: 600;
  }
  .meta {
    font-size: 12px;
    color: var(--muted-strong);
  }
  .draft {
    font-size: 11px;
    padding: 0 6px;
    border-radius: 8px;
    background: var(--chip-bg);
    margin-left: 4px;
  }
  .actions {
    display: flex;
    gap: 4px;
    margin-top: 2px;
  }
  button,
  input {
    font: inherit;
    font-size: 12px;
    padding: 1px 8px;
    border: 1px solid var(--border);
    border-radius: 5px;
    background: var(--bg);
    color: var(--fg);
  }
  button {
    cursor: pointer;
  }
  a:focus-visible,
  button:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--focus);
    outline-offset: 1px;
  }
  .empty,
  .skipped {
    font-size: 13px;
    color: var(--muted-strong);
    margin: 4px 0;
  }
  .skipped {
    border-left: 3px solid var(--error, #b00020);
    padding-left: 6px;
  }
`;
