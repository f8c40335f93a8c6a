// `npm run check:recipes`: the recipe schema check, with a message per problem naming file and field.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRecipeMarkdown } from '../src/notebook/formats/recipe-markdown.ts';
import { checkRecipeFile } from '../src/notebook/recipe-meta.ts';

const dir = join(process.cwd(), 'recipes');
const problems: string[] = [];
const files = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md');
for (const file of files) {
  try {
    const parsed = parseRecipeMarkdown(readFileSync(join(dir, file), 'utf8'));
    problems.push(...checkRecipeFile(file, parsed.frontMatter, parsed.cells.filter((c) => c.kind === 'code').length));
  } catch (error) {
    problems.push(`${file}: ${(error as Error).message}`);
  }
}
for (const p of problems) process.stderr.write(`${p}\n`);
process.stdout.write(`${files.length} recipes checked, ${problems.length} problem${problems.length === 1 ? '' : 's'}\n`);
process.exit(problems.length > 0 ? 1 : 0);
