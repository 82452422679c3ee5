/**
 * Global setup of the unit project: bundles the crash and cluster tests' server scripts into a folder of this run
 * (child-bundle.ts) and names it in the environment the test workers inherit. The folder is inside the checkout,
 * where the packages the bundle leaves out (better-sqlite3, pg, pino) resolve from node_modules, as dist/server's
 * do; it is removed when the run ends.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildChildren, CHILD_BUNDLE_ENV } from './child-bundle';

const OUTPUT = fileURLToPath(new URL('../../test-output/', import.meta.url));

export default async function setup(): Promise<() => void> {
  mkdirSync(OUTPUT, { recursive: true });
  const dir = mkdtempSync(join(OUTPUT, 'children-'));
  await buildChildren(dir);
  process.env[CHILD_BUNDLE_ENV] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
