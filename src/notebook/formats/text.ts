// Small text helpers shared by the file formats.

/** Normalise line endings to `\n` so formats round-trip the same on every platform. */
export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Drop blank lines at the start and the end, keeping inner blank lines and indentation. */
export function trimBlankLines(text: string): string {
  return text.replace(/^(?:[ \t]*\n)+/, '').replace(/(?:\n[ \t]*)+$/, '');
}
