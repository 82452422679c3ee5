/**
 * How a chain box is typeset wherever it is shown (the diagram's boxes, the reveal's per-box result bars): in its
 * own input, as `layerFunction` (layer-label.ts, the one rule) writes it. A layer's `fn` is stored in the
 * placeholder u (docs/question-format.md#layers), but the innermost box takes the variable itself, so it must
 * read 4x³, not 4u³; every other box takes the output of the one before it, u.
 */
import type { Layer } from '../types';
import { layerFunction, takesVariable } from '../layer-label';
import { parseExpr } from './parse';
import { texNode } from './print';

/** The box's function in its own input variable, as text and LaTeX (falls back to the stored forms). */
export function boxFunction(layer: Pick<Layer, 'fn' | 'inner'> & { latex?: { fn: string } }, variable: string): { text: string; latex: string } {
  const text = layerFunction(layer, variable);
  if (!takesVariable(layer, variable) && layer.latex) return { text, latex: layer.latex.fn };
  try {
    return { text, latex: texNode(parseExpr(text)) };
  } catch {
    return { text, latex: `\\text{${text.replace(/[\\{}$&#^_%~]/g, ' ')}}` };
  }
}
