/**
 * `npm run bench -- size`: the bytes a browser downloads per screen, as served: the real server over the built
 * dist/client, each file fetched with `Accept-Encoding: br, gzip` and counted on the wire (body + headers),
 * next to the gzip-only and uncompressed figures. Builds the client first if it is missing or stale.
 *
 * Target (issue 12): everything a phone downloads before it can answer its first question is at most 300 KB:
 * the page, the join screen and socket.io, the question screen with the answer form (mathjs, to check input as
 * it is typed) and KaTeX with the fonts a prompt uses. The question's diagram (Phaser) is listed apart: it
 * arrives while the player is already answering, and the question can be answered without it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createArenaServer } from '../server/app';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(ROOT, 'dist/client');
export const PHONE_BUDGET_BYTES = 300 * 1024;
/** The KaTeX fonts Chromium fetched for prompts: italic letters, upright digits and operators, and the
 * larger brackets around a fraction (Size2). Other fonts load only for symbols the prompts rarely use. */
const PROMPT_FONTS = ['KaTeX_Main-Regular', 'KaTeX_Math-Italic', 'KaTeX_Size2-Regular'];

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** Files loaded with a chunk: itself, its CSS, and its static imports, transitively. */
function closure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const css of chunk.css ?? []) seen.add(css);
  for (const imp of chunk.imports ?? []) closure(manifest, imp, seen);
  return seen;
}

interface Served {
  wire: number;
  encoding: string;
}

/** Bytes on the wire for one GET (status line and headers included), without decompressing. */
function fetchRaw(base: string, path: string, acceptEncoding: string): Promise<Served> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/${path}`, { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
      let body = 0;
      res.on('data', (c: Buffer) => (body += c.length));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`${path}: HTTP ${res.statusCode}`));
        const head = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n${res.rawHeaders.map((v, i) => (i % 2 ? `${v}\r\n` : `${v}: `)).join('')}\r\n`;
        resolve({ wire: body + Buffer.byteLength(head), encoding: String(res.headers['content-encoding'] ?? 'identity') });
      });
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`timed out: ${path}`)));
    req.on('error', reject);
    req.end();
  });
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

export async function run(): Promise<void> {
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), 'client'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('client build failed');
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8')) as Manifest;
  const key = (suffix: string): string => {
    const k = Object.keys(manifest).find((name) => name.endsWith(suffix));
    if (!k) throw new Error(`manifest has no ${suffix}`);
    return k;
  };
  const fonts = Object.values(manifest)
    .map((c) => c.file)
    .filter((f) => f.endsWith('.woff2') && PROMPT_FONTS.some((name) => f.includes(`${name}-`)));
  const first = new Set(['index.html', ...closure(manifest, key('index.html'))]);
  const minus = (files: Set<string>, ...already: Array<Set<string>>): Set<string> => {
    const out = new Set(files);
    for (const set of already) for (const f of set) out.delete(f);
    return out;
  };
  const join_ = minus(closure(manifest, key('screens/player/player-screen.ts')), first);
  const question = minus(
    new Set([...closure(manifest, key('screens/player/player-live.ts')), ...closure(manifest, key('views/math-render.ts')), ...fonts]),
    first,
    join_,
  );
  const firstAnswer = new Set([...first, ...join_, ...question]);
  const rows: Array<[string, Set<string>]> = [
    ['phone: page + home (join form)', first],
    ['phone: + join (socket.io, lobby)', join_],
    ['phone: + question (answer form, mathjs, KaTeX+fonts)', question],
    ['PHONE BEFORE IT CAN ANSWER, TOTAL', firstAnswer],
    ['phone: + diagram (Phaser), while answering', minus(closure(manifest, key('views/index.ts')), firstAnswer)],
    ['projector: host screens', minus(closure(manifest, key('screens/host/host-screen.ts')), first)],
    ['solo: practice screens', minus(closure(manifest, key('screens/solo/solo-screen.ts')), first)],
  ];

  const dataDir = mkdtempSync(join(tmpdir(), 'arena-size-'));
  const server = await createArenaServer({ port: 0, host: '127.0.0.1', dataDir, clientDir: DIST, log: () => {} });
  try {
    const cache = new Map<string, { br: number; gz: number; raw: number }>();
    const measure = async (file: string) => {
      let m = cache.get(file);
      if (!m) {
        const [br, gz, raw] = await Promise.all(['br, gzip', 'gzip', 'identity'].map((enc) => fetchRaw(server.url, file, enc)));
        m = { br: br!.wire, gz: gz!.wire, raw: raw!.wire };
        cache.set(file, m);
      }
      return m;
    };
    console.log(`${'served bytes (body + headers)'.padEnd(54)} ${'brotli'.padStart(10)} ${'gzip'.padStart(10)} ${'none'.padStart(10)}  files`);
    let phone = 0;
    for (const [label, files] of rows) {
      const sum = { br: 0, gz: 0, raw: 0 };
      for (const f of files) {
        const m = await measure(f);
        sum.br += m.br;
        sum.gz += m.gz;
        sum.raw += m.raw;
      }
      if (files === firstAnswer) phone = sum.br;
      console.log(`${label.padEnd(54)} ${kb(sum.br).padStart(10)} ${kb(sum.gz).padStart(10)} ${kb(sum.raw).padStart(10)}  ${files.size}`);
    }
    const verdict = phone <= PHONE_BUDGET_BYTES ? 'within' : 'OVER';
    console.log(`phone before its first answer: ${kb(phone)} brotli, ${verdict} the ${kb(PHONE_BUDGET_BYTES)} budget`);
    const biggest = [...cache.entries()].sort((a, b) => b[1].br - a[1].br).slice(0, 5);
    console.log(`largest files (brotli): ${biggest.map(([f, m]) => `${f.replace(/^assets\//, '')} ${kb(m.br)}`).join(', ')}`);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
