/**
 * The server scripts that crash and cluster tests start in processes of their own (child-server.ts,
 * cluster-server.ts): bundled once per run, before the unit files start (children-setup.ts), with the production
 * build's esbuild options (scripts/build.mjs `serverBundleOptions`), so each process loads one file as
 * `npm start`'s server does. Started through tsx instead, a process spent about 4 s of CPU compiling and loading
 * the sources and its task worker's before it listened, against under 1 s bundled: the cluster and restart tests
 * start a dozen. Outside a Vitest run (the fault benches), or before that bundle exists, tsx starts the sources.
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPTS = {
  'child-server': 'test/server/integration/child-server.ts',
  'cluster-server': 'test/support/cluster-server.ts',
} as const;
export type ChildScript = keyof typeof SCRIPTS;

/** The folder of this run's bundle, set by children-setup.ts for the test workers it starts. */
export const CHILD_BUNDLE_ENV = 'ARENA_TEST_CHILDREN';

/** Node's arguments that start `script` with `args`: the run's bundle, or the sources through tsx. */
export function childArgs(script: ChildScript, args: string[]): string[] {
  const dir = process.env[CHILD_BUNDLE_ENV];
  return dir ? [join(dir, `${script}.js`), ...args] : ['--import', 'tsx', join(ROOT, SCRIPTS[script]), ...args];
}

/** Bundles the scripts and the task worker they start into `outdir` (the pool finds task-worker.js beside it). */
export async function buildChildren(outdir: string): Promise<void> {
  const [{ build }, { serverBundleOptions, SERVER_ENTRIES }] = await Promise.all([import('esbuild'), import('../../scripts/build.mjs')]);
  await build(serverBundleOptions({ ...SCRIPTS, 'task-worker': SERVER_ENTRIES['task-worker'] }, outdir));
}

/**
 * The pool option that starts the run's bundled task worker (the production build's entry, built beside the
 * scripts), for the pools the unit files start in-process; none outside a Vitest run, where they start the sources'
 * worker through tsx. Each start of that one compiled the worker's sources afresh: about 3 s of CPU, against under
 * 1 s for the bundle.
 */
export function bundledTaskWorker(): { workerFile?: URL } {
  const dir = process.env[CHILD_BUNDLE_ENV];
  return dir ? { workerFile: pathToFileURL(join(dir, 'task-worker.js')) } : {};
}
