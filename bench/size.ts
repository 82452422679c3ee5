/**
 * `npm run bench size`: how much a phone downloads (gzipped) before it can join, and what the host-only,
 * solo-only and on-demand (maths rendering, question views) chunks weigh. Builds dist/client first unless
 * `--no-build` is given and a build exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = `${ROOT}dist/client`;

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** Gzipped bytes of one built file. */
function gz(file: string): number {
  return gzipSync(readFileSync(`${DIST}/${file}`), { level: 9 }).length;
}

/** Files loaded with a chunk: itself, its CSS, and its static imports, transitively. */
function closure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const css of chunk.css ?? []) seen.add(css);
  for (const imp of chunk.imports ?? []) closure(manifest, imp, seen);
  return seen;
}

function keyFor(manifest: Manifest, suffix: string): string | undefined {
  return Object.keys(manifest).find((k) => k.endsWith(suffix));
}

function sum(files: Iterable<string>): number {
  let total = 0;
  for (const f of files) total += gz(f);
  return total;
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} kB`;

export async function run(): Promise<void> {
  const skipBuild = process.argv.includes('--no-build') && existsSync(`${DIST}/.vite/manifest.json`);
  if (!skipBuild) {
    const { build } = await import('vite');
    await build({ configFile: `${ROOT}client/vite.config.ts`, logLevel: 'error' });
  }
  const manifest = JSON.parse(readFileSync(`${DIST}/.vite/manifest.json`, 'utf8')) as Manifest;
  const entry = keyFor(manifest, 'index.html');
  if (!entry) throw new Error('manifest has no index.html entry');
  const first = closure(manifest, entry);
  first.add('index.html');
  const only = (suffix: string, already: Set<string> = first): Set<string> => {
    const key = keyFor(manifest, suffix);
    const files = key ? closure(manifest, key) : new Set<string>();
    for (const f of already) files.delete(f);
    return files;
  };
  const join = only('screens/player/player-screen.ts');
  const rows: Array<[string, Set<string>]> = [
    ['phone first load (home + join form)', first],
    ['+ pressing Join (socket.io, lobby)', join],
    ['  before it can join, in total', new Set([...first, ...join])],
    ['+ question screens (prefetched in lobby)', only('screens/player/player-live.ts', new Set([...first, ...join]))],
    ['host-only', only('screens/host/host-screen.ts')],
    ['solo-only', only('screens/solo/solo-screen.ts')],
    ['maths rendering (KaTeX), on demand', only('views/math-render.ts')],
    ['question views (Phaser), on demand', only('views/index.ts')],
  ];
  for (const [label, files] of rows) {
    console.log(`${label.padEnd(42)} ${kb(sum(files)).padStart(10)} gzip  (${files.size} files)`);
  }
  let all = 0;
  for (const c of Object.values(manifest)) all += gz(c.file);
  console.log(`${'all JavaScript chunks'.padEnd(42)} ${kb(all).padStart(10)} gzip`);
}
