/**
 * LaTeX for an expression from our own questions (answers, layer functions, Jacobian entries): the question
 * printer's LaTeX, the same the prompts and worked steps use, so an answer reads exactly like its derivation.
 * Never for player input, which goes through the guarded preview converter instead.
 */
import { parseExpr } from '../../../shared/questions/calculus/parse';
import { texNode } from '../../../shared/questions/calculus/print';

/** The LaTeX, or null when the text is not an expression the question printer knows. */
export function trustedTex(expr: string): string | null {
  try {
    return texNode(parseExpr(expr));
  } catch {
    return null;
  }
}
