/**
 * The `arena` command (docs/question-format.md#the-arena-command): `serve`, `questions`, `solve`, `check`.
 * Each subcommand lives in server/cli/<name>.ts and exports `run(args, io)`; this file only dispatches.
 */
import { stdin, stdout, stderr, exit } from 'node:process';
import type { CliIo } from './cli/io';

const USAGE = `usage: arena <command> [options]

  serve      [--port N] [--host H]                 run the game server (what npm start runs)
  questions  --family F [--difficulty 1-5] [--count N] [--seed S] [--format json|latex|text]
  solve      reads {family, task} lines on stdin, writes full questions
  check      reads {family, task, answer, layers?} or {expected, given, vars?, curve?, subs?} lines, writes verdicts
`;

const COMMANDS: Record<string, () => Promise<{ run: (args: string[], io: CliIo) => Promise<number> }>> = {
  serve: () => import('./cli/serve'),
  questions: () => import('./cli/questions'),
  solve: () => import('./cli/solve'),
  check: () => import('./cli/check'),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    stderr.write(`arena: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  const mod = await load();
  return mod.run(args, { stdin, stdout, stderr });
}

main(process.argv.slice(2)).then(
  (code) => {
    // serve keeps running (its run() resolves only when the server closes); others exit with their code.
    process.exitCode = code;
  },
  (err: unknown) => {
    stderr.write(`arena: ${err instanceof Error ? err.message : String(err)}\n`);
    exit(1);
  },
);
