/**
 * How a chain box is written wherever it is shown (the diagram's boxes, the reveal's per-box result bars): in its
 * own input. A layer's `fn` is stored in the placeholder u (question-format.md), but the innermost box takes the
 * variable itself, so it must read 4x³, not 4u³; every other box takes the output of the one before it, u.
 */
import type { Layer } from '../types';
import { LAYER_VAR } from './layers';
import { parseExpr } from './parse';
import { texNode, toStr } from './print';
import { substituteTidy, sym } from './nodes';

/** The box's function in its own input variable, as text and LaTeX (falls back to the stored forms). */
export function boxFunction(layer: Pick<Layer, 'fn' | 'inner'> & { latex?: { fn: string } }, variable: string): { text: string; latex: string } {
  const own = layer.inner.trim() === variable;
  if (!own && layer.latex) return { text: layer.fn, latex: layer.latex.fn };
  try {
    const fn = parseExpr(layer.fn);
    const node = own ? substituteTidy(fn, { [LAYER_VAR]: sym(variable) }) : fn;
    return { text: toStr(node), latex: texNode(node) };
  } catch {
    return { text: layer.fn, latex: layer.latex?.fn ?? `\\text{${layer.fn.replace(/[\\{}$&#^_%~]/g, ' ')}}` };
  }
}
