// Before the runtime tests: the wheels must be provisioned, and SQLAlchemy's own examples fetched.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fetchExamples } from '../../scripts/fetch-sqlalchemy-examples.mjs';

export default async function setup(): Promise<void> {
  if (!existsSync(join(process.cwd(), 'public', 'wheels', 'manifest.json')))
    throw new Error('public/wheels is empty: run `npm install` (or `npm run provision`) before the runtime tests.');
  const dir = (await fetchExamples()) as string;
  process.env.RETORT_SQLALCHEMY_EXAMPLES = dir;
}
