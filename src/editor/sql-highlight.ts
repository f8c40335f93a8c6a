// Static SQL highlighting for the SQL panel: parse once, emit classed spans. No editor needed.
// The SQL grammar loads on first use (when a panel opens), keeping it out of the notebook's
// first download.
import { classHighlighter, highlightCode } from '@lezer/highlight';

/** A run of SQL text and its highlight classes (`tok-keyword`, `tok-string`, ...; empty for plain). */
export interface SqlToken {
  text: string;
  classes: string;
}

type Parser = (typeof import('@codemirror/lang-sql'))['SQLite']['language']['parser'];
let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Load the SQL grammar; resolves once `highlightSql` highlights. */
export function loadSqlHighlighter(): Promise<void> {
  loading ??= import('@codemirror/lang-sql').then((m) => {
    parser = m.SQLite.language.parser;
  });
  return loading;
}

/** Split SQL into highlighted tokens; plain text until the grammar has loaded. */
export function highlightSql(sql: string): SqlToken[] {
  if (!parser) return [{ text: sql, classes: '' }];
  const tokens: SqlToken[] = [];
  highlightCode(
    sql,
    parser.parse(sql),
    classHighlighter,
    (text, classes) => tokens.push({ text, classes }),
    () => tokens.push({ text: '\n', classes: '' }),
  );
  return tokens;
}
