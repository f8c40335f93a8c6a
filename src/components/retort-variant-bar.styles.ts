import { css } from 'lit';

export const variantBarStyles = css`
  :host {
    display: block;
    margin: 4px 0 8px;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    padding: 6px 10px;
    border: 1px solid var(--border);
    border-radius: 6px;
    background: var(--surface);
  }
  .bar.mine {
    border-color: var(--accent);
    border-left-width: 4px;
  }
  .badge {
    font-size: 12px;
    font-weight: 600;
    padding: 1px 8px;
    border-radius: 10px;
    background: var(--accent);
    color: var(--on-accent);
  }
  .state {
    color: var(--muted-strong);
    font-size: 13px;
  }
  .spacer {
    flex: 1;
  }
  button,
  input {
    font: inherit;
    font-size: 14px;
    padding: 4px 10px;
    border: 1px solid var(--border);
    border-radius: 6px;
    background: var(--bg);
    color: var(--fg);
  }
  button {
    cursor: pointer;
  }
  button:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--focus);
    outline-offset: 2px;
  }
  form {
    display: flex;
    gap: 6px;
    align-items: center;
  }
  .alert {
    margin-top: 6px;
    padding: 6px 10px;
    border: 1px solid var(--error, #b00020);
    border-radius: 6px;
    color: var(--fg);
  }
`;
