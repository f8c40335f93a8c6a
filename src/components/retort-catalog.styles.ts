import { css } from 'lit';

export const catalogStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
  }
  .search {
    padding: 12px 12px 8px;
    border-bottom: 1px solid var(--border);
  }
  label {
    display: block;
    font-size: 13px;
    font-weight: 600;
    margin-bottom: 4px;
  }
  input {
    width: 100%;
    box-sizing: border-box;
    font: inherit;
    padding: 6px 8px;
    border: 1px solid var(--border-strong);
    border-radius: 6px;
    background: var(--bg);
    color: var(--fg);
  }
  input:focus-visible {
    outline: 2px solid var(--focus);
    outline-offset: 1px;
  }
  .count {
    font-size: 12px;
    color: var(--muted-strong);
    margin-top: 4px;
  }
  nav {
    overflow: auto;
    padding: 4px 6px 24px;
  }
  h2 {
    font-size: 12px;
    text-transform: uppercase;
    letter-spacing: 0.05em;
    color: var(--muted-strong);
    margin: 14px 6px 4px;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  a {
    display: block;
    padding: 6px 8px;
    border-radius: 6px;
    color: var(--fg);
    text-decoration: none;
  }
  a:hover {
    background: var(--hover-bg);
  }
  a:focus-visible {
    outline: 2px solid var(--focus);
    outline-offset: -2px;
  }
  a[aria-current='page'] {
    background: var(--selected-bg);
    box-shadow: inset 3px 0 0 var(--accent);
  }
  .title {
    display: block;
    font-weight: 600;
    font-size: 14px;
  }
  .summary {
    display: block;
    font-size: 12.5px;
    color: var(--muted-strong);
    line-height: 1.35;
  }
  .empty {
    padding: 8px;
    color: var(--muted-strong);
  }
`;
