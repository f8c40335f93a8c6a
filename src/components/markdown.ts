// Markdown to sanitized HTML for Markdown cells. Recipes are trusted, but edited and shared
// notebooks are not, so everything goes through DOMPurify.
import DOMPurify from 'dompurify';
import { marked } from 'marked';

/** Render Markdown to HTML that is safe to insert. */
export function renderMarkdown(source: string): string {
  const raw = marked.parse(source, { async: false, gfm: true });
  // Beyond DOMPurify's defaults (no script, no handlers, no javascript: URLs): no styles, which
  // could lay a fake control over the page, and no forms or inputs, which could ask for secrets.
  return DOMPurify.sanitize(raw, { FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select'], FORBID_ATTR: ['style'] });
}
