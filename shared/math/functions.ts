/**
 * THE function table: every function an answer, a teacher's task or a generated question may use, with the
 * names people type for it, how many arguments it takes, its real-valued implementation, its LaTeX, its
 * derivative and its keypad key. The answer parser, the task parser (shared/questions/calculus/parse.ts), the
 * compiled evaluator, the generators' evaluator, the differentiator, the one LaTeX printer, the keypad and the
 * server's mathjs cross-check (server/math/cross-check.ts) all read this table, so adding a function here is the
 * one change that makes it known everywhere.
 *
 * The implementations are real: outside the real domain they return NaN, and they never return a value that
 * hides an overflow (sech(800) is NaN, not 0), which the sampler treats as "undefined here".
 */
/** Which keypad a function's key is on by default (client/src/input/keypad.ts); any function a task names is added. */
export type KeypadPad = 'calculus' | 'activation' | 'number';

export interface FunctionSpec {
  /** Canonical name, as stored in trees and printed (`asin`, `log` = natural log). */
  readonly name: string;
  /** Other names people type for it (`arcsin`, `ln`). `sin^-1` is read by the parser, not listed here. */
  readonly aliases: readonly string[];
  /** Largest number of arguments: 2 only for `log(x, base)`. */
  readonly maxArgs: 1 | 2;
  readonly real: (x: number) => number;
  /** LaTeX head, followed by the argument in \left( \right). */
  readonly tex: string;
  /**
   * f'(u), written in the expression language with u for the argument: the rule the symbolic differentiator
   * (shared/math/derivative.ts) applies, multiplied by the argument's own derivative (the chain rule).
   */
  readonly derivative: string;
  /** The canonical name of `f^-1` (sin^-1 = asin), when the function has an inverse in the table. */
  readonly inverse?: string;
  /**
   * |f'(x)| given x and r = f(x): how an error in the argument grows through f (error bounds in compile.ts).
   */
  readonly slope: (x: number, r: number) => number;
  /** Its keypad key: the label (the name when absent), the name the key types, and the pads it is on by default. */
  readonly key?: { readonly label?: string; readonly typed?: string; readonly pads: readonly KeypadPad[] };
}

const finiteOr = (v: number): number => (v - v === 0 ? v : NaN);

const sigmoid = (x: number): number => {
  const e = Math.exp(-x);
  return e - e === 0 ? 1 / (1 + e) : NaN;
};
const softplus = (x: number): number => (x > 30 ? x : Math.log1p(Math.exp(x)));
/** The indicator 1[x > 0]: ReLU's derivative (0 at 0, the subgradient frameworks use there). */
const step = (x: number): number => (x > 0 ? 1 : x === x ? 0 : NaN);

const ONLY_NAMED = { pads: [] } as const;

/** In keypad order: the keys of a pad appear in the order of this table. */
export const FUNCTION_TABLE: readonly FunctionSpec[] = [
  { name: 'sin', aliases: [], maxArgs: 1, real: Math.sin, slope: () => 1, tex: '\\sin', derivative: 'cos(u)', inverse: 'asin', key: { pads: ['calculus'] } },
  { name: 'cos', aliases: [], maxArgs: 1, real: Math.cos, slope: () => 1, tex: '\\cos', derivative: '-sin(u)', inverse: 'acos', key: { pads: ['calculus'] } },
  { name: 'tan', aliases: [], maxArgs: 1, real: Math.tan, slope: (_x, r) => 1 + r * r, tex: '\\tan', derivative: 'sec(u)^2', inverse: 'atan', key: { pads: ['calculus'] } },
  { name: 'sec', aliases: [], maxArgs: 1, real: (x) => 1 / Math.cos(x), slope: (x, r) => Math.abs(r * Math.tan(x)), tex: '\\sec', derivative: 'sec(u)*tan(u)', key: { pads: ['calculus'] } },
  { name: 'csc', aliases: ['cosec'], maxArgs: 1, real: (x) => finiteOr(1 / Math.sin(x)), slope: (x, r) => Math.abs(r / Math.tan(x)), tex: '\\csc', derivative: '-csc(u)*cot(u)', key: ONLY_NAMED },
  { name: 'cot', aliases: [], maxArgs: 1, real: (x) => finiteOr(Math.cos(x) / Math.sin(x)), slope: (_x, r) => 1 + r * r, tex: '\\cot', derivative: '-csc(u)^2', key: ONLY_NAMED },
  { name: 'sigmoid', aliases: [], maxArgs: 1, real: sigmoid, slope: (_x, r) => r * (1 - r), tex: '\\sigma', derivative: 'sigmoid(u)*(1 - sigmoid(u))', key: { label: 'σ', pads: ['activation'] } },
  { name: 'softplus', aliases: [], maxArgs: 1, real: (x) => finiteOr(softplus(x)), slope: (x) => sigmoid(x), tex: '\\operatorname{softplus}', derivative: 'sigmoid(u)', key: ONLY_NAMED },
  { name: 'relu', aliases: [], maxArgs: 1, real: (x) => (x > 0 ? x : x === x ? 0 : NaN), slope: (x) => (x > 0 ? 1 : 0), tex: '\\operatorname{ReLU}', derivative: 'step(u)', key: { label: 'ReLU', pads: [] } },
  { name: 'step', aliases: ['heaviside', 'H'], maxArgs: 1, real: step, slope: () => 0, tex: '\\operatorname{step}', derivative: '0', key: { pads: ['activation'] } },
  { name: 'sinh', aliases: [], maxArgs: 1, real: (x) => finiteOr(Math.sinh(x)), slope: (x) => Math.cosh(x), tex: '\\sinh', derivative: 'cosh(u)', key: ONLY_NAMED },
  { name: 'cosh', aliases: [], maxArgs: 1, real: (x) => finiteOr(Math.cosh(x)), slope: (x) => Math.abs(Math.sinh(x)), tex: '\\cosh', derivative: 'sinh(u)', key: ONLY_NAMED },
  { name: 'tanh', aliases: [], maxArgs: 1, real: Math.tanh, slope: (_x, r) => 1 - r * r, tex: '\\tanh', derivative: '1 - tanh(u)^2', key: { pads: ['activation'] } },
  { name: 'sech', aliases: [], maxArgs: 1, real: (x) => 1 / finiteOr(Math.cosh(x)), slope: (x, r) => Math.abs(r * Math.tanh(x)), tex: '\\operatorname{sech}', derivative: '-sech(u)*tanh(u)', key: { pads: ['activation'] } },
  { name: 'asin', aliases: ['arcsin'], maxArgs: 1, real: Math.asin, slope: (x) => 1 / Math.sqrt(1 - x * x), tex: '\\arcsin', derivative: '1/sqrt(1 - u^2)', key: { typed: 'arcsin', pads: [] } },
  { name: 'acos', aliases: ['arccos'], maxArgs: 1, real: Math.acos, slope: (x) => 1 / Math.sqrt(1 - x * x), tex: '\\arccos', derivative: '-1/sqrt(1 - u^2)', key: { typed: 'arccos', pads: [] } },
  { name: 'atan', aliases: ['arctan'], maxArgs: 1, real: Math.atan, slope: (x) => 1 / (1 + x * x), tex: '\\arctan', derivative: '1/(1 + u^2)', key: { typed: 'arctan', pads: [] } },
  { name: 'exp', aliases: [], maxArgs: 1, real: (x) => finiteOr(Math.exp(x)), slope: (_x, r) => r, tex: '\\exp', derivative: 'exp(u)', key: { pads: ['calculus', 'activation', 'number'] } },
  { name: 'log', aliases: ['ln'], maxArgs: 2, real: Math.log, slope: (x) => 1 / Math.abs(x), tex: '\\ln', derivative: '1/u', key: { typed: 'ln', pads: ['calculus', 'activation', 'number'] } },
  { name: 'sqrt', aliases: [], maxArgs: 1, real: Math.sqrt, slope: (_x, r) => 0.5 / r, tex: '\\sqrt', derivative: '1/(2*sqrt(u))' },
  { name: 'abs', aliases: [], maxArgs: 1, real: Math.abs, slope: () => 1, tex: '', derivative: 'sign(u)' },
  { name: 'sign', aliases: ['sgn'], maxArgs: 1, real: Math.sign, slope: () => 0, tex: '\\operatorname{sgn}', derivative: '0' },
];

/** `log10(x)`: read as log(x, 10) so no new function name reaches the trees. */
export const LOG10_NAMES: readonly string[] = ['log10', 'lg'];

const BY_NAME = new Map<string, FunctionSpec>();
for (const f of FUNCTION_TABLE) {
  BY_NAME.set(f.name, f);
  for (const a of f.aliases) BY_NAME.set(a, f);
}

/** Canonical names. */
export const FUNCTION_NAMES: readonly string[] = FUNCTION_TABLE.map((f) => f.name);

/** Every name a person may type for a function (canonical names, aliases and log10). */
export const TYPED_FUNCTION_NAMES: readonly string[] = [...BY_NAME.keys(), ...LOG10_NAMES];

/** The spec for a canonical name or an alias (`ln` → log). */
export function functionSpec(name: string): FunctionSpec | undefined {
  return BY_NAME.get(name);
}

/** Real implementations by canonical name, for evaluators. */
export const REAL_FUNCTIONS: Readonly<Record<string, (x: number) => number>> = Object.fromEntries(
  FUNCTION_TABLE.map((f) => [f.name, f.real]),
);

/** |f'(x)| by canonical name, for error bounds. */
export const SLOPES: Readonly<Record<string, (x: number, r: number) => number>> = Object.fromEntries(
  FUNCTION_TABLE.map((f) => [f.name, f.slope]),
);

/** Named constants an expression may use. */
export const CONSTANT_VALUES: ReadonlyMap<string, number> = new Map([
  ['e', Math.E],
  ['pi', Math.PI],
]);

/** True for a function name (any spelling) or a constant: these can never be variable names. */
export function isReservedName(name: string): boolean {
  return BY_NAME.has(name) || LOG10_NAMES.includes(name) || CONSTANT_VALUES.has(name);
}
