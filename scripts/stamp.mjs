/**
 * Which parts of the production build (dist/server, dist/client) are missing or older than their sources.
 * A part is current when the hash of its source files equals the one written beside its output at build time,
 * so `npm start` rebuilds only what changed (a checkout that touches no client file keeps the 17 s Vite build).
 * No dependencies: `npm start` runs this before anything is loaded.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DIST = join(ROOT, 'dist');
export const STAMP = '.build-stamp';

/** Source roots per part; files only, dependencies through the lock file. */
export const PARTS = {
  server: { out: join(DIST, 'server'), entry: 'cli.js', sources: ['server', 'shared', 'package-lock.json', 'scripts/build.mjs', 'scripts/check-bundle.mjs'] },
  client: { out: join(DIST, 'client'), entry: 'index.html', sources: ['client', 'shared', 'package-lock.json', 'scripts/build.mjs'] },
};

function listFiles(path, out) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isFile()) return void out.push(path);
  if (!st.isDirectory()) return;
  for (const name of readdirSync(path).sort()) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    listFiles(join(path, name), out);
  }
}

/** The hash of a part's sources, or null when they are not here (a deployed folder with dist/ only). */
export function sourceHash(part) {
  if (!existsSync(join(ROOT, part === 'server' ? 'server/cli.ts' : 'client/index.html'))) return null;
  const files = [];
  for (const s of PARTS[part].sources) listFiles(join(ROOT, s), files);
  const h = createHash('sha256');
  for (const f of files) h.update(relative(ROOT, f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

/** 'missing' (no build), 'stale' (sources changed), or 'current' (also when no sources are here to compare). */
export function partState(part) {
  const { out, entry } = PARTS[part];
  if (!existsSync(join(out, entry))) return 'missing';
  const hash = sourceHash(part);
  if (hash === null) return 'current';
  let stamp = '';
  try {
    stamp = readFileSync(join(out, STAMP), 'utf8').trim();
  } catch {
    // no stamp: built by hand, treat as stale
  }
  return stamp === hash ? 'current' : 'stale';
}
