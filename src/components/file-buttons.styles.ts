import { css } from 'lit';
import { buttonStyles } from './button.styles.ts';

// The open and download controls: the app's button, a little tighter, on the page background.
export const fileButtonStyles = [
  buttonStyles,
  css`
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
      padding: 4px 10px;
      background: var(--bg);
    }
    input[type='file'] {
      display: none;
    }
  `,
];
