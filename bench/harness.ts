/**
 * Shared by the benchmarks: a time budget for each part (a benchmark stops by itself, never hangs CI or a
 * developer's terminal), and the client child processes that simulate players, spoken to over IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** `work`, or a rejection naming the benchmark part once `ms` have passed. */
export function withBudget<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Forks `n` client processes of `script` (a URL beside the caller) under tsx and waits until each says `ready`. */
export async function spawnClientProcesses(script: URL, n: number): Promise<ChildProcess[]> {
  const file = fileURLToPath(script);
  const children = Array.from({ length: n }, () => fork(file, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  await Promise.all(children.map((c) => reply<{ type: string }, 'ready'>(c, 'ready')));
  return children;
}

/** The child's next message of `type`; rejects on its `error` message or its exit. */
export function reply<M extends { type: string }, T extends M['type']>(child: ChildProcess, type: T): Promise<Extract<M, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: M): void => {
      if (msg.type === 'error') reject(new Error(`client process: ${(msg as { message?: string }).message ?? '?'}`));
      else if (msg.type === type) resolve(msg as Extract<M, { type: T }>);
      else return;
      child.off('message', onMessage);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`client process exited (${code})`)));
  });
}
