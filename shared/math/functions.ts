/**
 * THE function table: every function an answer, a teacher's task or a generated question may use, with the
 * names people type for it, how many arguments it takes, its real-valued implementation and its LaTeX.
 * The answer parser, the task parser (shared/questions/calculus/parse.ts), the compiled evaluator, the
 * generators' evaluator, the trusted mathjs instance (engine.ts) and the preview renderer all read this table,
 * so adding a function here is the one change that makes it known everywhere.
 *
 * The implementations are real: outside the real domain they return NaN, and they never return a value that
 * hides an overflow (sech(800) is NaN, not 0), which the sampler treats as "undefined here".
 */
export interface FunctionSpec {
  /** Canonical name, as stored in trees and printed in mathjs syntax (`asin`, `log` = natural log). */
  readonly name: string;
  /** Other names people type for it (`arcsin`, `ln`). `sin^-1` is read by the parser, not listed here. */
  readonly aliases: readonly string[];
  /** Largest number of arguments: 2 only for `log(x, base)`. */
  readonly maxArgs: 1 | 2;
  readonly real: (x: number) => number;
  /** LaTeX head, followed by the argument in \left( \right). */
  readonly tex: string;
  /** The canonical name of `f^-1` (sin^-1 = asin), when the function has an inverse in the table. */
  readonly inverse?: string;
  /**
   * |f'(x)| given x and r = f(x): how an error in the argument grows through f (error bounds in compile.ts).
   */
  readonly slope: (x: number, r: number) => number;
}

const finiteOr = (v: number): number => (v - v === 0 ? v : NaN);

const sigmoid = (x: number): number => {
  const e = Math.exp(-x);
  return e - e === 0 ? 1 / (1 + e) : NaN;
};
const softplus = (x: number): number => (x > 30 ? x : Math.log1p(Math.exp(x)));

export const FUNCTION_TABLE: readonly FunctionSpec[] = [
  { name: 'sin', aliases: [], maxArgs: 1, real: Math.sin, slope: () => 1, tex: '\\sin', inverse: 'asin' },
  { name: 'cos', aliases: [], maxArgs: 1, real: Math.cos, slope: () => 1, tex: '\\cos', inverse: 'acos' },
  { name: 'tan', aliases: [], maxArgs: 1, real: Math.tan, slope: (_x, r) => 1 + r * r, tex: '\\tan', inverse: 'atan' },
  { name: 'sec', aliases: [], maxArgs: 1, real: (x) => 1 / Math.cos(x), slope: (x, r) => Math.abs(r * Math.tan(x)), tex: '\\sec' },
  { name: 'csc', aliases: ['cosec'], maxArgs: 1, real: (x) => finiteOr(1 / Math.sin(x)), slope: (x, r) => Math.abs(r / Math.tan(x)), tex: '\\csc' },
  { name: 'cot', aliases: [], maxArgs: 1, real: (x) => finiteOr(Math.cos(x) / Math.sin(x)), slope: (_x, r) => 1 + r * r, tex: '\\cot' },
  { name: 'asin', aliases: ['arcsin'], maxArgs: 1, real: Math.asin, slope: (x) => 1 / Math.sqrt(1 - x * x), tex: '\\arcsin' },
  { name: 'acos', aliases: ['arccos'], maxArgs: 1, real: Math.acos, slope: (x) => 1 / Math.sqrt(1 - x * x), tex: '\\arccos' },
  { name: 'atan', aliases: ['arctan'], maxArgs: 1, real: Math.atan, slope: (x) => 1 / (1 + x * x), tex: '\\arctan' },
  { name: 'sinh', aliases: [], maxArgs: 1, real: (x) => finiteOr(Math.sinh(x)), slope: (x) => Math.cosh(x), tex: '\\sinh' },
  { name: 'cosh', aliases: [], maxArgs: 1, real: (x) => finiteOr(Math.cosh(x)), slope: (x) => Math.abs(Math.sinh(x)), tex: '\\cosh' },
  { name: 'tanh', aliases: [], maxArgs: 1, real: Math.tanh, slope: (_x, r) => 1 - r * r, tex: '\\tanh' },
  { name: 'sech', aliases: [], maxArgs: 1, real: (x) => 1 / finiteOr(Math.cosh(x)), slope: (x, r) => Math.abs(r * Math.tanh(x)), tex: '\\operatorname{sech}' },
  { name: 'exp', aliases: [], maxArgs: 1, real: (x) => finiteOr(Math.exp(x)), slope: (_x, r) => r, tex: '\\exp' },
  { name: 'log', aliases: ['ln'], maxArgs: 2, real: Math.log, slope: (x) => 1 / Math.abs(x), tex: '\\ln' },
  { name: 'sqrt', aliases: [], maxArgs: 1, real: Math.sqrt, slope: (_x, r) => 0.5 / r, tex: '\\sqrt' },
  { name: 'abs', aliases: [], maxArgs: 1, real: Math.abs, slope: () => 1, tex: '' },
  { name: 'sigmoid', aliases: [], maxArgs: 1, real: sigmoid, slope: (_x, r) => r * (1 - r), tex: '\\sigma' },
  { name: 'softplus', aliases: [], maxArgs: 1, real: (x) => finiteOr(softplus(x)), slope: (x) => sigmoid(x), tex: '\\operatorname{softplus}' },
  { name: 'relu', aliases: [], maxArgs: 1, real: (x) => (x > 0 ? x : x === x ? 0 : NaN), slope: (x) => (x > 0 ? 1 : 0), tex: '\\operatorname{ReLU}' },
  { name: 'sign', aliases: ['sgn'], maxArgs: 1, real: Math.sign, slope: () => 0, tex: '\\operatorname{sgn}' },
];

/** `log10(x)`: read as log(x, 10) so no new function name reaches the trees. */
export const LOG10_NAMES: readonly string[] = ['log10', 'lg'];

const BY_NAME = new Map<string, FunctionSpec>();
for (const f of FUNCTION_TABLE) {
  BY_NAME.set(f.name, f);
  for (const a of f.aliases) BY_NAME.set(a, f);
}

/** Canonical names, e.g. for a mathjs import or a keypad. */
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
