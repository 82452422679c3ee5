/**
 * Follow-up questions aimed at a mistake (docs/game-design.md#the-follow-up-round): a question from the table's
 * family, difficulty and shape for that mistake (followup/table.ts) that carries the mistake as a named
 * distractor, so the checker names it if a student makes it again. Pure and deterministic: the same mistake and
 * seed give the same question in Node and in the browser.
 */
import type { MistakeCode } from '../check/types';
import { generateQuestion } from '../questions/index';
import type { Question } from '../questions/types';
import { FOLLOW_UP_TABLE, type FollowUpAim } from './table';

/** Seeds tried per aim before the next aim is tried: the scan (test/shared/followup-table.test.ts) needs few. */
const TRIES = 40;

/** Whether the question names `mistake` among its distractors and has the aim's shape. */
export function aims(q: Question, mistake: MistakeCode, aim: Pick<FollowUpAim, 'fits'>): boolean {
  return (q.distractors ?? []).some((d) => d.mistake === mistake) && aim.fits(q);
}

const step = (seed: number, k: number): number => ((seed >>> 0) + k * 7919) % 2147483647;

/**
 * The follow-up question for `mistake` from `seed`: the table's aims are taken in turn by `variant` (0 = first),
 * and within an aim seeds are tried until one gives a question of its shape that names the mistake.
 */
export function followUpQuestion(mistake: MistakeCode, seed: number, variant = 0): Question {
  const list = FOLLOW_UP_TABLE[mistake];
  for (let a = 0; a < list.length; a++) {
    const aim = list[(variant + a) % list.length] as FollowUpAim;
    for (let k = 0; k < TRIES; k++) {
      const q = generateQuestion(aim.family, aim.difficulty, step(seed, k));
      if (aims(q, mistake, aim)) return q;
    }
  }
  throw new Error(`no follow-up question names ${mistake} (seed ${seed})`);
}

/**
 * A follow-up round of `count` questions on `mistakes` (most frequent first): the mistakes take turns, each
 * turn on its next aim, so three questions on one mistake come from three different places it shows.
 */
export function followUpRound(mistakes: readonly MistakeCode[], count: number, seed: number): Question[] {
  if (mistakes.length === 0) return [];
  const out: Question[] = [];
  for (let i = 0; i < count; i++) {
    const mistake = mistakes[i % mistakes.length] as MistakeCode;
    const turn = Math.floor(i / mistakes.length);
    out.push(followUpQuestion(mistake, step(seed, 1000 + i), turn));
  }
  return out;
}
