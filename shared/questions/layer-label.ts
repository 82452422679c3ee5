/**
 * How a chain layer is named on every screen. Questions keep their layers outermost first (`layers[0]` is the
 * outermost function, the wire's layer index), but the diagram reads from the variable to y, innermost box on
 * the left, so people see them numbered innermost first: "Box 1" takes the variable itself. Every label, input
 * and message that numbers a layer goes through here, so the phone, the projector and the checker's messages
 * cannot disagree.
 */

/** The word the diagram, the worked steps and the answer boxes use for one layer. */
export const LAYER_WORD = 'Box';

/** The number people see for the layer at wire index `index` of `count` (0 = outermost): innermost is 1. */
export function layerNumber(index: number, count: number): number {
  return count - index;
}

/** Wire indices in the order people see them: innermost first, outermost last. */
export function displayOrder(count: number): number[] {
  return Array.from({ length: Math.max(0, count) }, (_, k) => count - 1 - k);
}

/** "inner", "outer" or "middle" (null for a lone layer, which is both). */
export function layerRole(index: number, count: number): 'inner' | 'outer' | 'middle' | null {
  if (count < 2) return null;
  return index === count - 1 ? 'inner' : index === 0 ? 'outer' : 'middle';
}

/** "Box 1". */
export function layerName(index: number, count: number): string {
  return `${LAYER_WORD} ${layerNumber(index, count)}`;
}

/** "Box 1 (inner)", "Box 2 (outer)". */
export function layerHeading(index: number, count: number): string {
  const role = layerRole(index, count);
  return role ? `${layerName(index, count)} (${role})` : layerName(index, count);
}

/** Whether the layer takes the question's variable itself (the innermost one does), so it is written in it. */
export function takesVariable(layer: { inner: string }, variable: string): boolean {
  return layer.inner.trim() === variable;
}

/**
 * The layer's function written in its own input: the innermost layer takes the variable itself, so it reads
 * `2*x^2`, not `2*u^2` with u = x; the others keep `u`, which stands for their input.
 */
export function layerFunction(layer: { fn: string; inner: string }, variable: string): string {
  return takesVariable(layer, variable) && variable !== 'u' ? layer.fn.replace(/\bu\b/g, variable) : layer.fn;
}

/** "Box 1 (inner, 2*x^2)": the heading with the function in its own input, for text-only places. */
export function layerTitle(layer: { fn: string; inner: string }, index: number, count: number, variable: string): string {
  const role = layerRole(index, count);
  const fn = layerFunction(layer, variable);
  return `${layerName(index, count)} (${role ? `${role}, ` : ''}${fn})`;
}
