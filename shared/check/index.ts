/**
 * Public API of the answer checker (docs/answer-checking.md). Safe parsing lives in shared/math/safe-parse.ts,
 * sampling equivalence in shared/math/equivalence.ts; this folder turns them into verdicts per family.
 */
export * from './types';
export { checkAnswer } from './answer';
export { checkExpressions, validateExpression, type ExpressionsInput } from './expressions';
export { NUMERIC_RULE_TEXT, numbersAgree } from '../math/numeric';
export { slotVars, jacobianCellVars, type AnswerSlot } from './slots';
export { parseAnswer, type ParseResult } from '../math/safe-parse';
