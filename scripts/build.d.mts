/** Types for what the tests take from scripts/build.mjs (plain JavaScript: `npm start` runs it with no compiler). */
import type { BuildOptions } from 'esbuild';
/** The server bundle's entry points: the CLI and the task worker, by output name. */
export const SERVER_ENTRIES: { cli: string; 'task-worker': string };
export function serverBundleOptions(entryPoints: Record<string, string>, outdir: string): BuildOptions;
