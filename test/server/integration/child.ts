/** Starts `child-server.ts` in its own process and waits for its URL (used by the crash tests and the faults bench). */
import { spawn, type ChildProcess } from 'node:child_process';
import { childArgs } from '../../support/child-bundle';

export interface ChildServer {
  url: string;
  restoredRooms: number;
  /** When the server was listening, by its own clock (Date.now(), the same machine's as the test's). */
  listeningAt: number;
  proc: ChildProcess;
  /** Resolves with the exit code (or the signal name) when the process ends. */
  exited: Promise<number | string>;
}

export function startChild(dataDir: string, timeoutMs = 90_000): Promise<ChildServer> {
  const proc = spawn(process.execPath, childArgs('child-server', [dataDir]), { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | string>((resolve) => proc.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  let errors = '';
  proc.stderr?.on('data', (d: Buffer) => (errors = (errors + d.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`child server did not start: ${errors}`));
    }, timeoutMs);
    let out = '';
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (!out.includes('\n') || line === undefined) return;
      clearTimeout(timer);
      const info = JSON.parse(line) as { url: string; restoredRooms: number; listeningAt: number };
      resolve({ ...info, proc, exited });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`child server exited (${code}) before listening: ${errors}`));
    });
  });
}
