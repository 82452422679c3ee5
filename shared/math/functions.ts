import type { FunctionName } from './ast';

/**
 * Real-valued definitions of the answer functions, matching shared/math/engine.ts (sigmoid, softplus, relu)
 * and mathjs's `log(x, base)`. Outside the real domain they give NaN, which the sampler treats as undefined.
 */
export const REAL_FUNCTIONS: Readonly<Record<FunctionName, (x: number) => number>> = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  sec: (x) => 1 / Math.cos(x),
  csc: (x) => 1 / Math.sin(x),
  cot: (x) => Math.cos(x) / Math.sin(x),
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  sech: (x) => 1 / Math.cosh(x),
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  softplus: (x) => (x > 30 ? x : Math.log1p(Math.exp(x))),
  relu: (x) => (x > 0 ? x : 0),
  sign: Math.sign,
};
