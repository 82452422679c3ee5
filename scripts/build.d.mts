/** Types for what the tests take from scripts/build.mjs (plain JavaScript: `npm start` runs it with no compiler). */
import type { BuildOptions } from 'esbuild';
export function serverBundleOptions(entryPoints: Record<string, string>, outdir: string): BuildOptions;
