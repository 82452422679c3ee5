/**
 * The one spawned test of the real `arena` binary (server/cli-entry.mjs): the subcommands themselves are tested
 * in-process through their run() functions; this checks what only a real process shows: the bin starts under
 * plain node, dispatches to a subcommand, reads stdin, writes stdout, and exits with the subcommand's code.
 */
import { describe, expect, it } from 'vitest';
import { spawnArena, SPAWN_MS } from './questions-harness';

describe('the arena binary', () => {
  it('answers stdin lines through a subcommand and exits 2 on a bad flag or an unknown command when run as a real process', { timeout: SPAWN_MS + 10_000 }, async () => {
    const task = { family: 'implicit', task: { equation: 'x^2+y^2=25', order: 1, at: { x: 3, y: 4 } } };
    // Three processes at once: each start costs seconds of tsx and mathjs loading, and they overlap.
    const [solved, refused, unknown] = await Promise.all([
      spawnArena(['solve'], `${JSON.stringify(task)}\ngarbage\n`),
      spawnArena(['questions', '--family', 'backprop', '--difficulty', '9']),
      spawnArena(['frobnicate']),
    ]);
    expect(solved.stderr).toBe('');
    expect(solved.code).toBe(0);
    const lines = solved.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { id?: string; answer?: { value: number }; error?: string });
    expect(lines[0]?.id).toBe('implicit-3-0');
    expect(lines[0]?.answer?.value).toBeCloseTo(-0.75, 12);
    expect(lines[1]).toEqual({ line: 2, error: 'The line is not valid JSON.' });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--difficulty');
    expect(refused.stdout).toBe('');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });
});
