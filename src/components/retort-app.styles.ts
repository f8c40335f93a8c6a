import { css } from 'lit';

export const appStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: 100vh;
    height: 100dvh;
  }
  header {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 6px 12px;
    border-bottom: 1px solid var(--border);
    background: var(--surface);
    min-width: 0;
  }
  .brand {
    font-weight: 700;
    font-size: 17px;
    color: var(--fg);
    text-decoration: none;
  }
  .brand:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--focus);
    outline-offset: 2px;
  }
  .spacer {
    flex: 1;
  }
  button {
    font: inherit;
    border: 1px solid var(--border);
    border-radius: 6px;
    background: var(--bg);
    color: var(--fg);
    cursor: pointer;
    padding: 3px 10px;
  }
  .menu {
    display: none;
  }
  .layout {
    flex: 1;
    display: grid;
    grid-template-columns: 300px minmax(0, 1fr);
    min-height: 0;
  }
  aside {
    border-right: 1px solid var(--border);
    background: var(--surface);
    display: flex;
    flex-direction: column;
    min-height: 0;
    overflow: hidden;
  }
  retort-catalog {
    flex: 1;
    min-height: 0;
  }
  main {
    overflow: auto;
    min-width: 0;
  }
  .welcome {
    max-width: 640px;
    margin: 48px auto;
    padding: 0 20px;
    line-height: 1.6;
  }
  .welcome a {
    color: var(--link);
  }
  kbd {
    font-family: var(--mono);
    font-size: 0.9em;
    border: 1px solid var(--border-strong);
    border-radius: 4px;
    padding: 0 4px;
  }
  /* Shown only when focused: the first Tab stop of the page. */
  .skip {
    position: absolute;
    left: 8px;
    top: -40px;
    z-index: 30;
  }
  .skip:focus {
    top: 6px;
  }
  main:focus {
    outline: none;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
  }
  @media (max-width: 800px) {
    /* Tighter, so that the status keeps room for its word beside the buttons. */
    header {
      gap: 6px;
      padding: 6px 8px;
    }
    .menu {
      display: inline-block;
    }
    .layout {
      grid-template-columns: minmax(0, 1fr);
    }
    aside {
      display: none;
      border-right: none;
    }
    .show-catalog aside {
      display: flex;
    }
    .show-catalog main {
      display: none;
    }
    retort-status {
      flex: 1;
    }
    .spacer {
      display: none;
    }
  }
  .drop-overlay {
    position: fixed;
    inset: 12px;
    z-index: 20;
    display: grid;
    place-items: center;
    padding: 24px;
    text-align: center;
    font-size: 1.2rem;
    border: 3px dashed var(--accent);
    border-radius: 12px;
    background: color-mix(in srgb, var(--bg) 88%, transparent);
    pointer-events: none;
  }
`;
