/**
 * Whether a player's result on a question is correct, wrong or no answer at all: the report and the phone's
 * review both say "no answer" for a player who sent nothing (not even a layer or a draft), never a blank
 * "false".
 */
export type Outcome = 'correct' | 'wrong' | 'no answer';

export interface ResultLike {
  answer: string;
  correct: boolean;
  verdict: unknown;
  layers: ReadonlyArray<unknown>;
}

export function outcomeOf(r: ResultLike): Outcome {
  if (r.correct) return 'correct';
  const nothing = r.answer.trim() === '' && r.verdict === null && !r.layers.some((l) => l !== null && l !== undefined);
  return nothing ? 'no answer' : 'wrong';
}
