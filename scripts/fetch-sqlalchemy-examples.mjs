#!/usr/bin/env node
// Fetch SQLAlchemy's own examples (Debian's python-sqlalchemy-doc, matching the wheels' version)
// into .cache/sqlalchemy-examples, for the test that runs code nobody here wrote, unchanged.
// RETORT_SQLALCHEMY_EXAMPLES names a folder that already holds them (e.g. a source checkout's examples/).
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadDebianPackages } from './provision/debian-archive.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const EXAMPLES_DIR = join(root, '.cache', 'sqlalchemy-examples');

export async function fetchExamples(env = process.env) {
  if (env.RETORT_SQLALCHEMY_EXAMPLES) return env.RETORT_SQLALCHEMY_EXAMPLES;
  if (existsSync(join(EXAMPLES_DIR, 'adjacency_list'))) return EXAMPLES_DIR;
  const work = join(root, '.cache', `examples-${process.pid}`);
  mkdirSync(work, { recursive: true });
  try {
    const [doc] = await downloadDebianPackages(['python-sqlalchemy-doc'], { env, workDir: work });
    rmSync(EXAMPLES_DIR, { recursive: true, force: true });
    cpSync(join(doc.root, 'usr/share/doc/python-sqlalchemy-doc/examples'), EXAMPLES_DIR, { recursive: true });
    return EXAMPLES_DIR;
  } catch (error) {
    throw new Error(
      `Could not fetch SQLAlchemy's examples from Debian (${error.message}). ` +
        'Set RETORT_SQLALCHEMY_EXAMPLES to a folder holding SQLAlchemy 2.0\'s examples/ to run that test offline.',
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  fetchExamples().then(
    (dir) => process.stdout.write(`SQLAlchemy examples in ${dir}\n`),
    (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
