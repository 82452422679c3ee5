#!/usr/bin/env node
/**
 * `npm start` / `npm run dev`: one node process, so SIGTERM and SIGINT reach the server itself.
 * - default: builds dist/server and dist/client if missing or older than their sources (a child process, so
 *   the build's memory is not kept by the server), then runs dist/server/cli.js in this process;
 * - `--dev`: builds only the client if needed and runs the TypeScript sources through tsx's loader (no bundle).
 * Any further arguments go to the `arena` command (default: `serve`).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PARTS, ROOT, partState } from './stamp.mjs';

const args = process.argv.slice(2);
const dev = args[0] === '--dev';
const rest = dev ? args.slice(1) : args;
// `npm start -- --port 8080` means `arena serve --port 8080`.
const command = rest.length === 0 || rest[0].startsWith('-') ? ['serve', ...rest] : rest;

// ARENA_CLIENT_DIR points the server at another client build: then this install's dist/client is not served.
const parts = [...(dev ? [] : ['server']), ...(process.env.ARENA_CLIENT_DIR ? [] : ['client'])];
const needed = parts.filter((p) => partState(p) !== 'current');
if (needed.length > 0) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), ...needed], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// npm runs this through `sh -c`, and dash does not exec its last command: a SIGTERM that npm forwards ends the
// shell, not us. When our parent goes away we are re-parented: treat that as the SIGTERM it was.
if (process.env.npm_lifecycle_event !== undefined && process.platform !== 'win32') {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM');
  }, 500).unref();
}

process.argv = [process.argv[0], dev ? join(ROOT, 'server/cli.ts') : join(PARTS.server.out, 'cli.js'), ...command];
if (dev) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(ROOT, 'server/cli.ts')).href);
} else {
  await import(pathToFileURL(join(PARTS.server.out, 'cli.js')).href);
}
