import { css } from 'lit';

// The open and download controls, in the variant bar's button look.
export const fileButtonStyles = css`
  :host {
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  .group {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  .label {
    color: var(--muted-strong);
    font-size: 13px;
  }
  button {
    font: inherit;
    font-size: 14px;
    padding: 4px 10px;
    border: 1px solid var(--border);
    border-radius: 6px;
    background: var(--bg);
    color: var(--fg);
    cursor: pointer;
  }
  button[disabled] {
    cursor: default;
    opacity: 0.6;
  }
  button:focus-visible {
    outline: 2px solid var(--focus);
    outline-offset: 2px;
  }
  input[type='file'] {
    display: none;
  }
`;
