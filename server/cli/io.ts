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
