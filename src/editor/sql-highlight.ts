// Static SQL highlighting for the SQL panel: parse once, emit classed spans. No editor needed.
import { SQLite } from '@codemirror/lang-sql';
import { classHighlighter, highlightCode } from '@lezer/highlight';

/** A run of SQL text and its highlight classes (`tok-keyword`, `tok-string`, ...; empty for plain). */
export interface SqlToken {
  text: string;
  classes: string;
}

/** Split SQL into highlighted tokens; newlines are kept inside the text. */
export function highlightSql(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  const tree = SQLite.language.parser.parse(sql);
  highlightCode(
    sql,
    tree,
    classHighlighter,
    (text, classes) => tokens.push({ text, classes }),
    () => tokens.push({ text: '\n', classes: '' }),
  );
  return tokens;
}
