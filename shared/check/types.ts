/**
 * Verdicts, as the `arena check` command and the server's answer acks carry them
 * (docs/question-format.md#verdicts).
 */

export const MISTAKE_CODES = [
  'forgot-inner-derivative',
  'inner-derivative-composed',
  'outer-not-evaluated-at-inner',
  'missing-layer-factor',
  'missing-path',
  'sign-error',
  'reciprocal',
  'activation-derivative-missing',
  'wrong-order',
] as const;
export type MistakeCode = (typeof MISTAKE_CODES)[number];

export interface LayerVerdict {
  correct: boolean;
  mistake?: MistakeCode | null;
  /** Set when the layer's input could not be read; the layer then counts as wrong. */
  error?: string;
}

export interface Verdict {
  correct: boolean;
  mistake?: MistakeCode | null;
  /** For a person: what was right, or what went wrong. */
  feedback?: string;
  /** Per-layer verdicts, outermost first, when the player answered layer by layer. */
  layers?: LayerVerdict[];
  /** Set when the input could not be read or is not an allowed expression; `correct` is then false. */
  error?: string;
}

/** A player's answer: a string for expressions, a number or numeric string for values, rows for a matrix. */
export type AnswerInput = string | number | Array<string | number> | Array<Array<string | number>>;

/** Per-layer inputs, outermost first; null/empty for a layer the player left blank. */
export type LayerInputs = Array<string | null | undefined>;
