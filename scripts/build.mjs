#!/usr/bin/env node
/**
 * The production build: `node scripts/build.mjs [--force] [server] [client]`.
 * - dist/server: server/cli.ts and the task worker (server/tasks/worker-main.ts → task-worker.js) bundled by
 *   esbuild (ESM, code-split so `arena questions` does not load Express), a few npm packages left external (they
 *   come from node_modules, so `npm ci --omit=dev` is enough to run it); then scripts/check-bundle.mjs fails the
 *   build when a file the bundle reaches at run time (worker, chunk, asset, package) is not there;
 * - dist/client: the Vite build, then every compressible file precompressed to .br and .gz beside it, so the
 *   server sends brotli without compressing per request.
 * Each part is rebuilt only when its sources changed since its last build (scripts/stamp.mjs), unless --force.
 * esbuild and vite are dev dependencies: without them a current build is used as it is, a missing one is an error.
 */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { join, extname, relative } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants } from 'node:zlib';
import { checkBundle, runtimeDependencies } from './check-bundle.mjs';
import { DIST, PARTS, ROOT, STAMP, partState, sourceHash } from './stamp.mjs';

const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.xml', '.ttf', '.otf', '.eot', '.wasm', '.map']);
const MIN_BYTES = 256;
const SERVER_EXTERNAL = ['better-sqlite3', 'pg', 'pino', 'pino-pretty', 'bufferutil', 'utf-8-validate'];
/**
 * The bundle's entries. Every output file (entries and chunks) lands in dist/server itself, no subfolder, so a
 * `new URL('./task-worker.js', import.meta.url)` finds the worker from whichever chunk the pool ends up in.
 */
export const SERVER_ENTRIES = { cli: 'server/cli.ts', 'task-worker': 'server/tasks/worker-main.ts' };

/**
 * esbuild's options for a server bundle of `entryPoints` in `outdir`: the production build's, and the test children's
 * (test/support/child-bundle.ts), so the processes the crash and cluster tests start load as `npm start`'s does.
 */
export function serverBundleOptions(entryPoints, outdir) {
  return {
    absWorkingDir: ROOT,
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    // npm packages are bundled too: one file loads far faster than mathjs's hundreds of modules. Left out:
    // better-sqlite3 (native addon), pg (optional pg-native and Cloudflare sockets it loads on demand), pino
    // (loads its transports by path) and the optional ws accelerators.
    external: SERVER_EXTERNAL,
    banner: { js: "import { createRequire as __arenaRequire } from 'node:module'; const require = __arenaRequire(import.meta.url);" },
    // Maps beside the bundle, not loaded by default (they would add ~40 MB to the idle process; the bundle is not
    // minified, so its stack traces read as they are): NODE_OPTIONS=--enable-source-maps maps them to server/*.ts.
    sourcemap: 'linked',
    chunkNames: '[name]-[hash]',
    legalComments: 'none',
    logLevel: 'warning',
  };
}

async function buildServer() {
  const { build } = await import('esbuild');
  const { out } = PARTS.server;
  rmSync(out, { recursive: true, force: true });
  await build(serverBundleOptions(SERVER_ENTRIES, out));
  const entries = Object.keys(SERVER_ENTRIES).map((name) => `${name}.js`);
  const { problems } = await checkBundle(out, { dependencies: runtimeDependencies(ROOT), entries });
  if (problems.length > 0) throw new Error(`the server bundle is incomplete (scripts/check-bundle.mjs):\n  ${problems.join('\n  ')}`);
}

async function buildClient() {
  const { build } = await import('vite');
  const configFile = join(ROOT, 'client/vite.config.ts');
  await build({ configFile, logLevel: 'warn' });
  // The question-views gallery (dev/views.html: every diagram on fixed examples; the browser tests drive it) is
  // built after the app and beside it, not as a second input of the same build: that would change how the app's
  // own chunks are split, so phones would load another build than the one measured.
  await build({
    configFile,
    logLevel: 'warn',
    build: {
      emptyOutDir: false,
      manifest: false,
      chunkSizeWarningLimit: 10_000,
      assetsDir: 'dev/assets',
      rolldownOptions: { input: { views: join(ROOT, 'client/dev/views.html') } },
    },
  });
  // Only the app's files: the gallery is not for phones, and brotli at quality 11 is most of its build time.
  await precompress(PARTS.client.out, (rel) => !rel.startsWith('dev/'));
}

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Writes file.br and file.gz beside each compressible file (that `include`s path relative to `dir`), when smaller. */
export async function precompress(dir, include = () => true) {
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else if (COMPRESSIBLE.has(extname(name)) && st.size >= MIN_BYTES && include(relative(dir, full))) files.push(full);
    }
  };
  walk(dir);
  await Promise.all(
    files.map(async (file) => {
      const raw = readFileSync(file);
      const [br, gzipped] = await Promise.all([
        brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
        gz(raw, { level: 9 }),
      ]);
      if (br.length < raw.length) writeFileSync(`${file}.br`, br);
      if (gzipped.length < raw.length) writeFileSync(`${file}.gz`, gzipped);
    }),
  );
  return files.length;
}

const BUILDERS = { server: buildServer, client: buildClient };

/** Builds the named parts that need it; returns the parts it built. */
export async function buildParts(parts, { force = false, log = console.log } = {}) {
  const built = [];
  for (const part of parts) {
    const state = partState(part);
    if (!force && state === 'current') continue;
    const hash = sourceHash(part);
    const started = performance.now();
    try {
      await BUILDERS[part]();
    } catch (err) {
      const missingTool = err?.code === 'ERR_MODULE_NOT_FOUND' && /'(esbuild|vite)'/.test(String(err.message));
      if (!missingTool) throw err;
      if (state !== 'missing') {
        log(`build: ${part} sources changed but ${part === 'server' ? 'esbuild' : 'vite'} is not installed (dev dependency): using the existing dist/${part}`);
        continue;
      }
      throw new Error(`dist/${part} is missing and cannot be built without dev dependencies: run "npm install" and "npm run build" first`, { cause: err });
    }
    mkdirSync(PARTS[part].out, { recursive: true });
    if (hash !== null) writeFileSync(join(PARTS[part].out, STAMP), `${hash}\n`);
    log(`build: dist/${part} ${state === 'missing' ? 'built' : 'rebuilt'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    built.push(part);
  }
  return built;
}

/**
 * One build at a time: two at once (test files in parallel, several `npm start`s, the local cluster) would delete
 * each other's output. A build that waited finds the parts current and does nothing.
 */
async function withBuildLock(work) {
  const lock = join(DIST, '.build-lock');
  mkdirSync(DIST, { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if (err?.code !== 'EEXIST') throw err;
      // Left by a build that was killed: older than any build takes.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > 5 * 60_000) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`another build holds ${lock}`, { cause: err });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => !['--force', 'server', 'client'].includes(a));
  if (unknown.length > 0) {
    console.error(`usage: node scripts/build.mjs [--force] [server] [client]   (unknown: ${unknown.join(' ')})`);
    process.exit(2);
  }
  const named = args.filter((a) => a === 'server' || a === 'client');
  try {
    const built = await withBuildLock(() => buildParts(named.length > 0 ? named : ['server', 'client'], { force: args.includes('--force') }));
    if (built.length === 0) console.log('build: dist/ is up to date');
  } catch (err) {
    console.error(`build failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
