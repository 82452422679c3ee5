/**
 * Each family's worked solution in symbols: what every variant of a question has in common. A game with a
 * variant per player reveals this first, since no one student's numbers are the class's answer; the worked
 * steps that follow are then one student's variant, labelled as an example.
 */
import type { Family } from './types';

export interface GeneralMethod {
  /** The rule in words for a screen, maths inside `\( … \)`. */
  prose: string;
  latex: string;
  text: string;
}

const CHAIN: GeneralMethod = {
  prose: 'Split \\(y\\) into boxes \\(u_1 = f_1(x),\\ u_2 = f_2(u_1), \\dots\\); differentiate each box in its own input and multiply.',
  latex: '\\frac{dy}{dx} = f_n\'(u_{n-1}) \\cdot \\ldots \\cdot f_2\'(u_1) \\cdot f_1\'(x)',
  text: "dy/dx = f_n'(u_(n-1)) · … · f_2'(u_1) · f_1'(x)",
};

const METHODS: Record<Family, GeneralMethod> = {
  chain: CHAIN,
  nested: CHAIN,
  activation: CHAIN,
  'higher-order': {
    prose: 'Differentiate \\(y = f(u(x))\\) twice: the product rule on \\(f\'(u)\\,u\'\\) gives two terms.',
    latex: '\\frac{d^2y}{dx^2} = f\'\'(u)\\,(u\')^2 + f\'(u)\\,u\'\'',
    text: "d²y/dx² = f''(u)·(u')² + f'(u)·u''",
  },
  multivariable: {
    prose: 'Follow every path from \\(z\\) down to \\(t\\): multiply along each path, add the paths.',
    latex: '\\frac{dz}{dt} = \\sum_i \\frac{\\partial z}{\\partial x_i}\\,\\frac{dx_i}{dt}',
    text: 'dz/dt = Σ_i ∂z/∂x_i · dx_i/dt',
  },
  partial: {
    prose: 'Follow every path from \\(z\\) to the variable: multiply along each path, add the paths; the other variables stay fixed.',
    latex: '\\frac{\\partial z}{\\partial s} = \\sum_i \\frac{\\partial z}{\\partial x_i}\\,\\frac{\\partial x_i}{\\partial s}',
    text: '∂z/∂s = Σ_i ∂z/∂x_i · ∂x_i/∂s',
  },
  jacobian: {
    prose: 'The Jacobian of a composition is the product of the Jacobians, the outer one taken at \\(g(x)\\).',
    latex: 'J_{f\\circ g}(x) = J_f\\bigl(g(x)\\bigr)\\, J_g(x)',
    text: 'J_(f∘g)(x) = J_f(g(x)) · J_g(x)',
  },
  implicit: {
    prose: 'Differentiate both sides in \\(x\\), each \\(y\\)-term bringing a factor \\(y\'\\), then solve for \\(y\'\\).',
    latex: '\\frac{dy}{dx} = -\\frac{F_x}{F_y}',
    text: 'dy/dx = −F_x / F_y',
  },
  implicit2: {
    prose: 'Differentiate \\(y\' = -F_x/F_y\\) again in \\(x\\) (each \\(y\\) brings a \\(y\'\\)), then substitute \\(y\'\\).',
    latex: '\\frac{d^2y}{dx^2} = \\frac{d}{dx}\\left(-\\frac{F_x}{F_y}\\right)\\Big|_{y\' = -F_x/F_y}',
    text: "d²y/dx² = d/dx(−F_x/F_y), with y' = −F_x/F_y substituted",
  },
  backprop: {
    prose: 'Forward pass to the loss, then back layer by layer: each \\(\\delta_i = \\partial L/\\partial z_i\\) gives the gradients of that layer.',
    latex: '\\delta_i = \\bigl(W_{i+1}^{\\top}\\delta_{i+1}\\bigr)\\odot f_i\'(z_i),\\quad \\frac{\\partial L}{\\partial W_i} = \\delta_i\\, a_{i-1}^{\\top},\\quad \\frac{\\partial L}{\\partial b_i} = \\delta_i',
    text: "δ_i = (W_(i+1)ᵀ δ_(i+1)) ⊙ f_i'(z_i), ∂L/∂W_i = δ_i a_(i−1)ᵀ, ∂L/∂b_i = δ_i",
  },
  'gradient-flow': {
    prose: 'Each layer multiplies the gradient by \\(w\\,f\'(z_k)\\): below 1 it vanishes with depth, above 1 it explodes.',
    latex: '\\frac{\\partial a_n}{\\partial a_0} = \\prod_{k=1}^{n} w\\, f\'(z_k)',
    text: "∂a_n/∂a_0 = Π_k w·f'(z_k)",
  },
};

/** The family's solution in symbols, common to all its variants. */
export function generalMethod(family: Family): GeneralMethod {
  return METHODS[family];
}
