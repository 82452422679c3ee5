/**
 * A real Redis for tests and benches: Debian's redis-server on a free loopback port in a temp folder.
 *
 *   const redis = await startRedis();                  // no persistence (--save '' --appendonly no)
 *   const redis = await startRedis({ aof: true });     // append-only file, as the cluster runs it in production
 *   await redis.kill();  ...  await redis.restart();    // a crash: same port, same data folder (AOF replayed)
 *   await redis.stop();                                 // ends it and removes the folder
 *
 * With `aof`, Redis writes and flushes every command to its append-only file before it replies (`appendfsync
 * always`), so a killed redis-server loses no acknowledged write. (With `everysec` Redis may hold the write back
 * for up to two seconds while a flush is slow and reply meanwhile: a room acknowledged then was lost to a kill -9 on
 * a busy machine.) `restart()` resolves once the file is loaded and Redis accepts connections again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTool } from '../../scripts/prerequisites.mjs';

/** Debian's or Homebrew's redis-server, as `npm test`'s prerequisite check found it (REDIS_SERVER overrides). */
export const REDIS_SERVER = findTool('redis-server') ?? 'redis-server';

export interface RedisProcess {
  url: string;
  port: number;
  /** Kills redis-server with `signal` (default SIGKILL: a crash) and waits until it is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and data folder after `kill()`; resolves once it accepts connections. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface RedisOptions {
  /** Persist with an append-only file (`--appendonly yes --appendfsync always`), as production does. */
  aof?: boolean;
  timeoutMs?: number;
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startRedis(opts: RedisOptions = {}): Promise<RedisProcess> {
  const { aof = false, timeoutMs = 15_000 } = opts;
  const dir = mkdtempSync(join(tmpdir(), 'arena-redis-'));
  const port = await freePort();
  const persistence = aof ? ['--save', '', '--appendonly', 'yes', '--appendfsync', 'always'] : ['--save', '', '--appendonly', 'no'];
  const args = ['--port', String(port), '--bind', '127.0.0.1', ...persistence, '--dir', dir];
  let current: { proc: ChildProcess; exited: Promise<void> } | null = null;
  const launch = async (): Promise<void> => {
    const proc = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    current = { proc, exited };
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new Error(`redis-server did not start: ${out.slice(-2000)}`));
      }, timeoutMs);
      proc.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        // Printed after the append-only file was loaded: the data is back when this resolves.
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited before it was ready: ${out.slice(-2000)}`));
      });
    });
  };
  const kill = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    const running = current;
    if (!running) return;
    current = null;
    running.proc.kill(signal);
    const timer = setTimeout(() => running.proc.kill('SIGKILL'), 5000);
    await running.exited;
    clearTimeout(timer);
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    async restart() {
      if (current) throw new Error('redis-server is still running: kill() it first');
      await launch();
    },
    async stop() {
      await kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
