/**
 * The game server the browser tests play: the production build, started as its own process exactly as
 * `npm start` ends up running it (`node dist/server/cli.js serve`), on 127.0.0.1 and a free port, with a throwaway
 * data directory. What the tests exercise is what users run: the server bundle, its task worker, the client build
 * it serves, its configuration from the environment and its logs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { INSTALL_DIR, productionBuild } from './browser';

export interface RunningArena {
  url: string;
  /** The server's log so far, one parsed JSON object per line (pino's format when stdout is not a terminal). */
  logs(): ReadonlyArray<Record<string, unknown>>;
  close(): Promise<void>;
}

export interface ArenaOptions {
  /** Extra environment (any variable `arena serve --help` lists), e.g. `{ LIMIT_SOCKET_BURST: '100' }`. */
  env?: Record<string, string>;
}

/** Starting the bundle (mathjs, the store, the worker pool) on a loaded 2-core machine. */
const START_MS = 60_000;
/** SIGTERM: the server itself exits within SHUTDOWN_TIMEOUT_MS (10 s); then it is killed. */
const STOP_MS = 15_000;

const running = new Set<ChildProcess>();
let exitHook = false;

export async function startArena(opts: ArenaOptions = {}): Promise<RunningArena> {
  await productionBuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'arena-client-test-'));
  const child = spawn(process.execPath, [join(INSTALL_DIR, 'dist/server/cli.js'), 'serve', '--port', '0', '--host', '127.0.0.1'], {
    cwd: INSTALL_DIR,
    env: { ...process.env, ARENA_DATA_DIR: dataDir, LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    running.delete(child);
    resolve();
  }));
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-4000)));
  const url = await new Promise<string>((resolve, reject) => {
    const why = (what: string): Error => new Error(`the production server ${what}:\n${logs.slice(-20).map((l) => JSON.stringify(l)).join('\n')}\n${stderr}`);
    const timer = setTimeout(() => reject(why(`did not listen within ${START_MS} ms`)), START_MS);
    void exited.then(() => {
      clearTimeout(timer);
      reject(why(`exited (${child.exitCode ?? child.signalCode}) before listening`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        entry = { msg: line };
      }
      logs.push(entry);
      if (typeof entry.url === 'string' && String(entry.msg).includes('listening on')) {
        clearTimeout(timer);
        resolve(entry.url);
      }
    });
  }).catch(async (err: unknown) => {
    child.kill('SIGKILL');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  });
  return {
    url,
    logs: () => logs,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_MS);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
