// A Vite plugin: reads recipes/*.md once at build time (src/recipes/compile.ts) into the virtual
// module `virtual:recipe-catalog`, which holds only each recipe's metadata. Each recipe's body
// (text plus parsed cells) and the code search index become small JSON files, fetched when a
// recipe is opened or the search box is first used; so the first view carries neither the
// recipes' text nor a YAML parser. In the dev server the same files are served from memory.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { compileCatalog, type CompiledRecipe } from '../../src/recipes/compile.ts';

const ID = 'virtual:recipe-catalog';
const RESOLVED = `\0${ID}`;
/** The folder, in the build output and the dev server, that holds the JSON files. */
const OUT = 'recipes';

interface Emitted {
  recipes: CompiledRecipe[];
  /** Output path (relative to the site root) to JSON text. */
  files: Map<string, string>;
  bodyPath: Map<string, string>;
  searchPath: string;
}

function hashed(name: string, json: string, build: boolean): string {
  if (!build) return `${OUT}/${name}.json`;
  return `${OUT}/${name}-${createHash('sha256').update(json).digest('hex').slice(0, 10)}.json`;
}

export function recipeCatalog(dir: string): Plugin {
  let build = false;
  let current: Emitted | undefined;

  const compile = (warn: (message: string) => void): Emitted => {
    const sources = Object.fromEntries(
      readdirSync(dir)
        .filter((f) => f.endsWith('.md'))
        .map((f) => [join(dir, f), readFileSync(join(dir, f), 'utf8')]),
    );
    const { recipes, problems } = compileCatalog(sources);
    problems.forEach(warn);
    const files = new Map<string, string>();
    const bodyPath = new Map<string, string>();
    for (const r of recipes) {
      const json = JSON.stringify(r.body);
      const path = hashed(r.entry.meta.slug, json, build);
      files.set(path, json);
      bodyPath.set(r.entry.meta.slug, path);
    }
    const search = JSON.stringify(Object.fromEntries(recipes.map((r) => [r.entry.meta.slug, r.code])));
    const searchPath = hashed('search-index', search, build);
    files.set(searchPath, search);
    return { recipes, files, bodyPath, searchPath };
  };

  return {
    name: 'retort-recipe-catalog',
    configResolved(config) {
      build = config.command === 'build';
    },
    buildStart() {
      current = undefined;
    },
    resolveId(id) {
      return id === ID ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      readdirSync(dir)
        .filter((f) => f.endsWith('.md'))
        .forEach((f) => this.addWatchFile(join(dir, f)));
      current = compile((m) => this.warn(m));
      const entries = current.recipes.map((r) => ({ meta: r.entry.meta, path: current!.bodyPath.get(r.entry.meta.slug)! }));
      return `export const entries = ${JSON.stringify(entries)};\nexport const searchIndexPath = ${JSON.stringify(current.searchPath)};\n`;
    },
    generateBundle() {
      current ??= compile((m) => this.warn(m));
      for (const [fileName, source] of current.files) this.emitFile({ type: 'asset', fileName, source });
    },
    configureServer(server) {
      // A changed recipe file reloads the catalog module (and the page).
      server.watcher.on('change', (file) => {
        if (!file.startsWith(dir) || !file.endsWith('.md')) return;
        const module = server.moduleGraph.getModuleById(RESOLVED);
        if (module) server.reloadModule(module);
      });
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0]!.replace(/^\/+/, ''));
        const json = path.startsWith(`${OUT}/`) ? (current ??= compile((m) => server.config.logger.warn(m))).files.get(path) : undefined;
        if (json === undefined) return next();
        res.setHeader('Content-Type', 'application/json');
        res.end(json);
      });
    },
  };
}
