// Markdown to sanitized HTML for Markdown cells. Recipes are trusted, but edited and shared
// notebooks are not, so everything goes through DOMPurify.
import DOMPurify from 'dompurify';
import { marked } from 'marked';

/** Render Markdown to HTML that is safe to insert. */
export function renderMarkdown(source: string): string {
  const raw = marked.parse(source, { async: false, gfm: true });
  return DOMPurify.sanitize(raw);
}
