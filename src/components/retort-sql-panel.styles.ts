import { css } from 'lit';

export const sqlPanelStyles = css`
  :host {
    display: block;
    font-size: 13px;
  }
  details {
    border: 1px solid var(--border);
    border-radius: 6px;
    background: var(--surface);
  }
  summary {
    cursor: pointer;
    padding: 4px 10px;
    font-weight: 600;
    color: var(--fg);
  }
  summary:focus-visible {
    outline: 2px solid var(--focus);
    outline-offset: 2px;
  }
  .badge {
    display: inline-block;
    min-width: 1.4em;
    padding: 0 6px;
    border-radius: 10px;
    background: var(--accent);
    color: var(--on-accent);
    text-align: center;
    font-size: 12px;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0 10px 8px;
  }
  .statement {
    border-top: 1px solid var(--border);
    padding: 6px 0;
  }
  .meta {
    display: flex;
    gap: 12px;
    color: var(--muted);
    font-size: 12px;
  }
  .tag {
    color: var(--fg);
  }
  pre {
    margin: 4px 0;
    white-space: pre-wrap;
    font-family: var(--mono);
    color: var(--fg);
  }
  .params code {
    font-family: var(--mono);
    white-space: pre-wrap;
    word-break: break-word;
  }
  .key {
    color: var(--muted);
  }
  .tok-keyword {
    color: var(--tok-keyword);
    font-weight: 600;
  }
  .tok-string,
  .tok-string2 {
    color: var(--tok-string);
  }
  .tok-number,
  .tok-bool,
  .tok-atom {
    color: var(--tok-number);
  }
  .tok-comment {
    color: var(--tok-comment);
  }
  .tok-typeName {
    color: var(--tok-type);
  }
  .tok-punctuation,
  .tok-operator {
    color: var(--muted-strong);
  }
`;
