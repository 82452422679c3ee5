/** In-memory streams for calling a CLI subcommand's run() in-process, plus a spawn helper for the real binary. */
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

/** The real process starts tsx and loads mathjs: seconds on a loaded 2-core machine, so allow plenty. */
export const SPAWN_MS = 120_000;

/** Runs the installed `arena` binary (server/cli-entry.mjs, as npm links it) with `args`, feeding `input` on stdin. */
export function spawnArena(args: string[], input = ''): Promise<Captured> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['server/cli-entry.mjs', ...args], { cwd: process.cwd(), timeout: SPAWN_MS });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.end(input);
  });
}
