/**
 * Limits that more than one part of the game must agree on: each is written once, here, and imported by the
 * protocol's schemas, the parser, the generators and the client.
 */

/** Longest answer a player may send, in characters (one box); also the longest expression a teacher's task may hold. */
export const ANSWER_MAX_CHARS = 400;

/**
 * How long and how deeply nested an expression stored in a question may be (an expected answer, a Jacobian entry):
 * generated second derivatives are far longer than anything typed. Applied wherever one is read back.
 */
export const STORED_EXPR_LIMITS = { maxChars: 4000, maxDepth: 60 } as const;

/** Most chain-rule layers (boxes) a question may have: the generators and solvers refuse more, the protocol accepts no more. */
export const MAX_LAYERS = 10;
