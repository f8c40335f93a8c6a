import { css } from 'lit';

export const cellOutputStyles = css`
  :host {
    display: block;
    font-size: 13px;
  }
  pre {
    margin: 4px 0;
    font-family: var(--mono);
    white-space: pre-wrap;
    word-break: break-word;
    max-height: 420px;
    overflow: auto;
  }
  .stderr {
    color: var(--stderr);
  }
  .table-wrap {
    overflow: auto;
    max-height: 420px;
    margin: 4px 0;
    border: 1px solid var(--border);
    border-radius: 6px;
  }
  .table-wrap:focus-visible {
    outline: 2px solid var(--focus);
  }
  table {
    border-collapse: collapse;
    font-family: var(--mono);
    font-size: 13px;
  }
  th,
  td {
    padding: 3px 10px;
    text-align: left;
    border-bottom: 1px solid var(--border);
    white-space: pre;
  }
  th {
    position: sticky;
    top: 0;
    background: var(--surface);
    font-weight: 600;
  }
  tbody tr:nth-child(even) {
    background: var(--stripe);
  }
  .table-foot {
    color: var(--muted);
    font-size: 12px;
  }
  .more {
    font-weight: 600;
    color: var(--fg);
  }
  .error {
    border-left: 3px solid var(--error);
    background: var(--error-bg);
    padding: 6px 10px;
    border-radius: 4px;
    margin: 4px 0;
  }
  .error-head {
    font-family: var(--mono);
    white-space: pre-wrap;
  }
  .error-head strong {
    color: var(--error-strong);
  }
  .error-note {
    margin-top: 2px;
    white-space: pre-wrap;
  }
  .frames {
    list-style: none;
    padding: 0;
    margin: 6px 0;
  }
  .frames li {
    display: flex;
    flex-direction: column;
    margin-bottom: 4px;
  }
  .where {
    color: var(--muted-strong);
  }
  .source {
    font-family: var(--mono);
    padding-left: 1em;
  }
  summary {
    cursor: pointer;
    color: var(--muted-strong);
  }
  summary:focus-visible {
    outline: 2px solid var(--focus);
  }
  .notice {
    color: var(--muted-strong);
    font-style: italic;
    margin: 4px 0;
  }
`;
