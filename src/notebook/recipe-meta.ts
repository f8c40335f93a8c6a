// The recipe front-matter schema: what every recipe must declare, checked with messages that name
// the field and say what to write instead.
import type { DocLink, RecipeMeta } from './notebook.ts';

/** The eight recipe categories, in catalog order. */
export const CATEGORIES = [
  { id: 'core', name: 'Core and SQL expressions' },
  { id: 'schema', name: 'Schema and types' },
  { id: 'orm-mapping', name: 'ORM mapping' },
  { id: 'relationships', name: 'Relationships' },
  { id: 'inheritance', name: 'Inheritance' },
  { id: 'sessions-events', name: 'Session patterns and events' },
  { id: 'querying', name: 'Querying' },
  { id: 'performance', name: 'Performance' },
] as const;

export type CategoryId = (typeof CATEGORIES)[number]['id'];

const CATEGORY_IDS: readonly string[] = CATEGORIES.map((c) => c.id);

/** A check's outcome: the metadata, or every problem found. */
export type MetaCheck = { ok: true; value: RecipeMeta } | { ok: false; errors: string[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Check parsed front matter against the recipe schema. */
export function readRecipeMeta(data: unknown): MetaCheck {
  if (!isRecord(data)) return { ok: false, errors: ['front matter: expected "key: value" lines between two "---" lines'] };
  const errors: string[] = [];
  const text = (field: string, pattern?: RegExp, hint?: string): string => {
    const value = data[field];
    if (typeof value !== 'string' || value.trim() === '') {
      errors.push(`${field}: missing; write it as text`);
      return '';
    }
    if (pattern && !pattern.test(value)) errors.push(`${field}: "${value}" ${hint ?? 'is malformed'}`);
    return value.trim();
  };
  const slug = text('slug', /^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens');
  const title = text('title');
  const summary = text('summary', /^[^\n]{1,160}$/, 'must be one line of at most 160 characters');
  const category = text('category');
  if (category && !CATEGORY_IDS.includes(category))
    errors.push(`category: "${category}" is not one of ${CATEGORY_IDS.join(', ')}`);
  const sqlalchemy = text('sqlalchemy', /^[<>=!~]=?\s*\d[\w.]*(\s*,\s*[<>=!~]=?\s*\d[\w.]*)*$/, 'must be a version range such as ">=2.0.41,<2.1"');
  const tags: string[] = [];
  if (!Array.isArray(data.tags) || data.tags.length === 0) errors.push('tags: missing; write a list such as [orm, sqlite]');
  else
    for (const tag of data.tags) {
      if (typeof tag === 'string' && tag.trim() !== '') tags.push(tag.trim());
      else errors.push(`tags: ${JSON.stringify(tag)} is not a word`);
    }
  const docs: DocLink[] = [];
  if (!Array.isArray(data.docs) || data.docs.length === 0)
    errors.push('docs: missing; list the SQLAlchemy documentation sections as "- title: ...\\n  url: https://..."');
  else
    data.docs.forEach((doc, i) => {
      if (isRecord(doc) && typeof doc.title === 'string' && typeof doc.url === 'string' && /^https:\/\//.test(doc.url))
        docs.push({ title: doc.title, url: doc.url });
      else errors.push(`docs[${i}]: needs a "title" and an https "url"`);
    });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { slug, title, summary, category, tags, sqlalchemy, docs } };
}

/**
 * Check one recipe file: its front matter against the schema, its slug against its file name, and
 * that it has code. Each problem is a line naming the file and the field.
 */
export function checkRecipeFile(fileName: string, frontMatter: unknown, codeCellCount: number): string[] {
  const base = fileName.split('/').pop() ?? fileName;
  const problems: string[] = [];
  if (frontMatter === undefined) problems.push('front matter: missing; start the file with a "---" block');
  else {
    const check = readRecipeMeta(frontMatter);
    if (!check.ok) problems.push(...check.errors);
    else if (`${check.value.slug}.md` !== base) problems.push(`slug: "${check.value.slug}" must match the file name "${base}"`);
  }
  if (codeCellCount === 0) problems.push('cells: no ```python code cell');
  return problems.map((p) => `${base}: ${p}`);
}
