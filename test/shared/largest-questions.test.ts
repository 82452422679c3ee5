/**
 * The fit walks play the largest questions the generators make, from a table committed in
 * test/support/largest-questions.json. This re-derives the table with the same scan; when a generator, a prompt,
 * a worked step or KaTeX changes what is largest, it fails and says which record moved and which questions the
 * walks should play now. `UPDATE_LARGEST=1 npx vitest run test/shared/largest-questions.test.ts` writes the new
 * table (then look at the walks' screenshots of the new questions).
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { solveTask, toPublicQuestion, type Question } from '../../shared/questions/index';
import { scanLargest } from '../support/largest-questions';
import { formatTable, readTable, TABLE_PATH, walkQuestions, type CommittedTable } from '../support/walk-questions';

/** Every difference between the committed table and the derived one, in words. */
function differences(was: CommittedTable, now: CommittedTable): string[] {
  const out: string[] = [];
  if (was.seeds !== now.seeds || was.closeEnough !== now.closeEnough) out.push(`scan settings: ${was.seeds} seeds, ${was.closeEnough} → ${now.seeds} seeds, ${now.closeEnough}`);
  for (const key of new Set([...Object.keys(was.records), ...Object.keys(now.records)])) {
    const a = was.records[key] ?? {};
    const b = now.records[key] ?? {};
    for (const c of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = a[c];
      const y = b[c];
      if (x?.seed !== y?.seed || x?.value !== y?.value) {
        const say = (r: typeof x): string => (r ? `seed ${r.seed} (${r.value})` : 'none');
        out.push(`${key} ${c}: ${say(x)} → ${say(y)}`);
      }
    }
  }
  const line = (w: CommittedTable['walk'][number]): string => `${w.family} ${w.difficulty} seed ${w.seed} (${w.covers.join(', ')})`;
  const before = new Set(was.walk.map(line));
  const after = new Set(now.walk.map(line));
  for (const l of before) if (!after.has(l)) out.push(`walk no longer plays ${l}`);
  for (const l of after) if (!before.has(l)) out.push(`walk now plays ${l}`);
  return out;
}

/** What the screens show of a question: everything but its id, difficulty and seed (which a task does not carry). */
function shown(q: Question): unknown {
  const { id: _id, difficulty: _d, seed: _s, ...rest } = q;
  const pub = toPublicQuestion(q);
  const { id: _pid, difficulty: _pd, ...pubRest } = pub;
  return { rest, pubRest };
}

describe('the largest questions the fit walks play', () => {
  it('are still the largest the generators make (the committed table re-derived)', () => {
    const now = { ...scanLargest() };
    if (process.env.UPDATE_LARGEST === '1') writeFileSync(TABLE_PATH, formatTable(now));
    const was = readTable();
    const diff = differences(was, now);
    expect(diff, `test/support/largest-questions.json is out of date (UPDATE_LARGEST=1 to rewrite it):\n${diff.join('\n')}`).toEqual([]);
  }, 600_000);

  it('show the same on screen when typed as the teacher\'s own questions (JSON task lines)', () => {
    for (const w of walkQuestions()) {
      const typed = JSON.parse(JSON.stringify({ family: w.family, task: w.question.task })) as { family: typeof w.family; task: never };
      expect(shown(solveTask(typed.family, typed.task)), `${w.family} ${w.difficulty} seed ${w.seed}`).toEqual(shown(w.question));
    }
  });
});
