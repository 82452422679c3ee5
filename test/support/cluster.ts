/**
 * Game server processes for cluster tests and the cluster bench: each one a child process (cluster-server.ts)
 * with its own data folder, sharing one Redis when `redisUrl` is given. `takeovers` collects the rooms a
 * process took over; `waitTakeover` waits for one with an explicit timeout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childArgs } from './child-bundle';

export interface Takeover {
  code: string;
  downtimeMs: number;
  /** Wall-clock time (Date.now()) of the takeover. */
  at: number;
}

export interface ServerNode {
  url: string;
  proc: ChildProcess;
  takeovers: Takeover[];
  exited: Promise<number | string>;
  /** The last 64 KB the server wrote to stderr (its log: JSON lines, warn and above). */
  stderr(): string;
  /** Resolves with the first takeover of `code` by this process, or rejects after `timeoutMs`. */
  waitTakeover(code: string, timeoutMs: number): Promise<Takeover>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface NodeOptions {
  redisUrl?: string;
  /** PostgreSQL for reports, shared by the processes (else each keeps its own SQLite file). */
  databaseUrl?: string;
  leaseMs?: number;
  renewMs?: number;
  timeoutMs?: number;
  /** Copies the server's stderr (its error log) to this process's stderr, prefixed (benches). */
  echo?: boolean;
}

export async function startNode(opts: NodeOptions = {}): Promise<ServerNode> {
  const dataDir = mkdtempSync(join(tmpdir(), 'arena-node-'));
  const { timeoutMs = 90_000, echo = false, ...args } = opts;
  const proc = spawn(process.execPath, childArgs('cluster-server', [JSON.stringify({ dataDir, ...args })]), { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | string>((resolve) => proc.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  void exited.then(() => rmSync(dataDir, { recursive: true, force: true }));
  let errors = '';
  proc.stderr?.on('data', (d: Buffer) => {
    errors = (errors + d.toString()).slice(-64_000);
    if (echo) process.stderr.write(d);
  });
  const takeovers: Takeover[] = [];
  const waiters = new Set<() => void>();
  let buffered = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`server did not start: ${errors.slice(-4000)}`));
    }, timeoutMs);
    proc.stdout?.on('data', (d: Buffer) => {
      buffered += d.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffered.slice(0, nl)) as { url?: string; tookOver?: string; downtimeMs?: number; at?: number };
        buffered = buffered.slice(nl + 1);
        if (line.url !== undefined) {
          clearTimeout(timer);
          resolve(line.url);
        }
        if (line.tookOver !== undefined) {
          takeovers.push({ code: line.tookOver, downtimeMs: line.downtimeMs ?? 0, at: line.at ?? Date.now() });
          for (const w of waiters) w();
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening: ${errors.slice(-4000)}`));
    });
  });
  return {
    url,
    proc,
    takeovers,
    exited,
    stderr: () => errors,
    waitTakeover(code, waitMs) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const t = takeovers.find((x) => x.code === code);
          if (!t) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(t);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no takeover of ${code} within ${waitMs} ms`));
        }, waitMs);
        if (!check()) waiters.add(check);
      });
    },
    async kill(signal = 'SIGTERM') {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill(signal);
      await exited;
    },
  };
}
