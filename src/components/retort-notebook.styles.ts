import { css } from 'lit';
import { buttonStyles } from './button.styles.ts';

export const notebookStyles = [
  buttonStyles,
  css`
    :host {
      display: block;
      max-width: 980px;
      margin: 0 auto;
      padding: 8px 20px 80px;
    }
    .toolbar {
      position: sticky;
      top: 0;
      z-index: 2;
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      padding: 8px 0;
      background: var(--bg);
      border-bottom: 1px solid var(--border);
      margin-bottom: 8px;
    }
    .spacer {
      flex: 1;
    }
    .undo {
      padding: 6px 10px;
      border: 1px solid var(--border);
      border-radius: 6px;
      background: var(--surface);
      margin-bottom: 8px;
    }
    .cells {
      display: flex;
      flex-direction: column;
      gap: 6px;
    }
    @media (max-width: 640px) {
      :host {
        padding: 4px 8px 60px;
      }
    }
  `,
];
