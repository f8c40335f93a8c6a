// Before the runtime tests: the wheels must be provisioned, and SQLAlchemy's own examples fetched.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fetchExamples } from '../../scripts/fetch-sqlalchemy-examples.mjs';
import { provision } from '../../scripts/provision-python.mjs';

export default async function setup(): Promise<void> {
  if (!existsSync(join(process.cwd(), 'public', 'wheels', 'manifest.json')))
    throw new Error('public/wheels is empty: run `npm install` (or `npm run provision`) before the runtime tests.');
  // Nothing to do when provisioning is current; retakes the memory snapshot when the Python glue
  // changed since, so the tests run the snapshot a fresh install would make.
  await provision();
  const dir = (await fetchExamples()) as string;
  process.env.RETORT_SQLALCHEMY_EXAMPLES = dir;
}
