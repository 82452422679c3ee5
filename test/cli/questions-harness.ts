/** In-memory streams for calling a CLI subcommand's run() in-process, plus a spawn helper for the real entry. */
import { PassThrough, Readable } from 'node:stream';
import { spawn } from 'node:child_process';
import type { CliIo } from '../../server/cli/io';

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runWith(run: (args: string[], io: CliIo) => Promise<number>, args: string[], input = ''): Promise<Captured> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c: Buffer) => out.push(c.toString('utf8')));
  stderr.on('data', (c: Buffer) => err.push(c.toString('utf8')));
  const code = await run(args, { stdin: Readable.from(input === '' ? [] : [input]), stdout, stderr });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** Spawned CLI tests start tsx and load mathjs: allow for a heavily loaded machine. */
export const SPAWN_MS = 120_000;

/** Runs `tsx server/cli.ts <args>` as a real process, feeding `input` on stdin. */
export function spawnCli(args: string[], input = ''): Promise<Captured> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: process.cwd() });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.end(input);
  });
}
