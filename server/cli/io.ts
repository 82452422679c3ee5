import type { Readable, Writable } from 'node:stream';

/** The streams a CLI subcommand talks through; tests pass their own. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/**
 * Calls `onLine` for each line of a stream, in order, awaiting each; the last line may lack a newline.
 * Used by solve/check, which read JSON lines.
 */
export async function forEachLine(input: Readable, onLine: (line: string) => void | Promise<void>): Promise<void> {
  let buffered = '';
  for await (const chunk of input) {
    buffered += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).replace(/\r$/, '');
      buffered = buffered.slice(nl + 1);
      await onLine(line);
    }
  }
  if (buffered.length > 0) await onLine(buffered.replace(/\r$/, ''));
}

/**
 * Shared front matter of the commands that read JSON lines on stdin (`solve`, `check`): `--help` prints the
 * help and exits 0; any other argument is refused with exit 2. Returns the exit code, or null to go on.
 */
export function stdinOnlyArgs(command: string, args: string[], help: string, io: CliIo): number | null {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(help);
    return 0;
  }
  if (args.length > 0) {
    io.stderr.write(`arena ${command}: unexpected argument "${(args[0] ?? '').slice(0, 40)}" (it reads lines on stdin)\n\n${help}`);
    return 2;
  }
  return null;
}
