/** Names of the question families for a person (topic chips, settings). */
import type { Family } from '../../../shared/questions/types';

const LABELS: Record<Family, string> = {
  chain: 'Chain rule', nested: 'Nested chains', 'higher-order': 'Second derivatives', activation: 'Activations',
  multivariable: 'Multivariable', partial: 'Partial derivatives', jacobian: 'Jacobians', implicit: 'Implicit',
  implicit2: 'Implicit, 2nd order', backprop: 'Backprop', 'gradient-flow': 'Gradient flow',
};

/** "Chain rule" for 'chain', etc. */
export function familyLabel(f: Family): string {
  return LABELS[f];
}
