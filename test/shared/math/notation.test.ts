import { describe, expect, it } from 'vitest';
import { parseAnswer } from '../../../shared/math/safe-parse';
import { compile } from '../../../shared/math/compile';
import { exprToTex } from '../../../shared/math/latex';

/** The value of `src` at a point, read with the question's variables. */
function valueAt(src: string, vars: string[], point: Record<string, number>): number {
  const p = parseAnswer(src, vars);
  if (!p.ok) throw new Error(`${src}: ${p.error}`);
  return compile(p.expr, new Map(vars.map((v, i) => [v, i])))(Float64Array.from(vars, (v) => point[v] ?? NaN));
}

const X = 0.7;
const Y = -1.3;
const AT = { x: X, y: Y, u: 0.4 };

/** Each typed notation, its variables, and what a maths teacher reads (as a JS function of the point). */
const ACCEPTED: Array<[string, string[], (p: typeof AT) => number]> = [
  ['6x(x^2+1)^2', ['x'], ({ x }) => 6 * x * (x * x + 1) ** 2],
  ['20x(x^2+1)^9', ['x'], ({ x }) => 20 * x * (x * x + 1) ** 9],
  ['e^x(x+1)', ['x'], ({ x }) => Math.exp(x) * (x + 1)],
  ['e^2x', ['x'], ({ x }) => Math.E ** 2 * x],
  ['e^(2x)', ['x'], ({ x }) => Math.exp(2 * x)],
  ['e^-x', ['x'], ({ x }) => Math.exp(-x)],
  ['-x^2', ['x'], ({ x }) => -(x * x)],
  ['2^-x^2', ['x'], ({ x }) => 2 ** -(x * x)],
  ['x^2^3', ['x'], ({ x }) => x ** 8],
  ['2x^3y', ['x', 'y'], ({ x, y }) => 2 * x ** 3 * y],
  ['-(2xy+y^2)/(x^2+2xy)', ['x', 'y'], ({ x, y }) => -(2 * x * y + y * y) / (x * x + 2 * x * y)],
  ['2xcos(x^2)', ['x'], ({ x }) => 2 * x * Math.cos(x * x)],
  ['xsin(x)', ['x'], ({ x }) => x * Math.sin(x)],
  ['x(x+1)', ['x'], ({ x }) => x * (x + 1)],
  ['(x+1)(x-1)', ['x'], ({ x }) => (x + 1) * (x - 1)],
  ['sin^2(x)', ['x'], ({ x }) => Math.sin(x) ** 2],
  ['sin²x', ['x'], ({ x }) => Math.sin(x) ** 2],
  ['sec^2 x', ['x'], ({ x }) => 1 / Math.cos(x) ** 2],
  ['sec^2(2x)', ['x'], ({ x }) => 1 / Math.cos(2 * x) ** 2],
  ['sin(x)^2', ['x'], ({ x }) => Math.sin(x) ** 2],
  ['sin^-1(x)', ['x'], ({ x }) => Math.asin(x)],
  ['sin⁻¹x', ['x'], ({ x }) => Math.asin(x)],
  ['tan^(-1)(x)', ['x'], ({ x }) => Math.atan(x)],
  ['arcsin(x)', ['x'], ({ x }) => Math.asin(x)],
  ['arccos(x)', ['x'], ({ x }) => Math.acos(x)],
  ['arctan(x)', ['x'], ({ x }) => Math.atan(x)],
  ['ln(x)', ['x'], ({ x }) => Math.log(x)],
  ['ln x', ['x'], ({ x }) => Math.log(x)],
  ['ln|x|', ['x'], ({ x }) => Math.log(Math.abs(x))],
  ['2ln|x - 3| + 1', ['x'], ({ x }) => 2 * Math.log(Math.abs(x - 3)) + 1],
  ['log10(x)', ['x'], ({ x }) => Math.log10(x)],
  ['log(x, 2)', ['x'], ({ x }) => Math.log2(x)],
  ['|x|', ['x'], ({ x }) => Math.abs(x)],
  ['|x - 1|/(x - 1)', ['x'], ({ x }) => Math.abs(x - 1) / (x - 1)],
  ['||x|-1|', ['x'], ({ x }) => Math.abs(Math.abs(x) - 1)],
  ['sin x', ['x'], ({ x }) => Math.sin(x)],
  ['sinx', ['x'], ({ x }) => Math.sin(x)],
  ['cos 2x', ['x'], ({ x }) => Math.cos(2 * x)],
  ['sin2x', ['x'], ({ x }) => Math.sin(2 * x)],
  ['sin x cos x', ['x'], ({ x }) => Math.sin(x) * Math.cos(x)],
  ['sin x^2', ['x'], ({ x }) => Math.sin(x * x)],
  ['sqrt x + 1', ['x'], ({ x }) => Math.sqrt(x) + 1],
  ['√(x+1)', ['x'], ({ x }) => Math.sqrt(x + 1)],
  ['2·x × 3 − x**2 + π', ['x'], ({ x }) => 6 * x - x * x + Math.PI],
  ['dy/dx = -x/y', ['x', 'y'], ({ x, y }) => -x / y],
  ["y' = -x/y", ['x', 'y'], ({ x, y }) => -x / y],
  ['y′ = -x/y', ['x', 'y'], ({ x, y }) => -x / y],
  ["f'(x) = 2x", ['x'], ({ x }) => 2 * x],
  ['d/dx sin(x^2) = 2x cos(x^2)', ['x'], ({ x }) => 2 * x * Math.cos(x * x)],
  ['d^2y/dx^2 = -1/y', ['x', 'y'], ({ y }) => -1 / y],
  ['3u^2', ['x', 'u'], ({ u }) => 3 * u * u],
  ['cos(x^2) 2x', ['x'], ({ x }) => Math.cos(x * x) * 2 * x],
  ['3 sin(x^2)^2 cos(x^2) 2x', ['x'], ({ x }) => 3 * Math.sin(x * x) ** 2 * Math.cos(x * x) * 2 * x],
  ['(x+1) 2', ['x'], ({ x }) => (x + 1) * 2],
  ['|x| 3', ['x'], ({ x }) => Math.abs(x) * 3],
  ['step(x)', ['x'], ({ x }) => (x > 0 ? 1 : 0)],
  ['heaviside(x - 1)', ['x'], ({ x }) => (x - 1 > 0 ? 1 : 0)],
  ['2H(y)', ['x', 'y'], ({ y }) => 2 * (y > 0 ? 1 : 0)],
  ['x^(2/3)', ['x'], ({ x }) => Math.cbrt(x * x)],
  ['1/(2sqrt(x))', ['x'], ({ x }) => 1 / (2 * Math.sqrt(x))],
  ['2e-3x', ['x'], ({ x }) => 2e-3 * x],
  ['.5x', ['x'], ({ x }) => 0.5 * x],
];

describe('the expression language: accepted notation', () => {
  it.each(ACCEPTED)('reads %s the way a teacher does', (src, vars, f) => {
    expect(valueAt(src, vars, AT)).toBeCloseTo(f(AT), 10);
  });

  it('reads odd roots of negative numbers as real, as Desmos does', () => {
    expect(valueAt('x^(2/3)', ['x'], { x: -8 })).toBeCloseTo(4, 12);
    expect(valueAt('x^(1/3)', ['x'], { x: -8 })).toBeCloseTo(-2, 12);
    expect(valueAt('x^(-1/3)', ['x'], { x: -8 })).toBeCloseTo(-0.5, 12);
    expect(Number.isNaN(valueAt('x^(1/2)', ['x'], { x: -8 }))).toBe(true);
  });

  it('shows in the preview the product it reads, not a function call', () => {
    const tex = (src: string, vars: string[]): string => {
      const p = parseAnswer(src, vars, { constantsAsNames: true });
      if (!p.ok) throw new Error(p.error);
      return exprToTex(p.expr);
    };
    // The one LaTeX printer (shared/math/latex.ts): juxtaposed letters, a thin space before a bracket.
    expect(tex('6x(x^2+1)^2', ['x'])).toBe('6x\\,{\\left(x^{2}+1\\right)}^{2}');
    expect(tex('e^2x', ['x'])).toBe('e^{2}\\,x');
    expect(tex('e^x(x+1)', ['x'])).toBe('e^{x}\\,\\left(x+1\\right)');
    expect(tex('sin^-1(x)', ['x'])).toBe('\\arcsin\\left(x\\right)');
    expect(tex('sin^2(x)', ['x'])).toBe('\\sin^{2}\\left(x\\right)');
    expect(tex('|x|', ['x'])).toBe('\\left|x\\right|');
    expect(tex('log(x, 2)', ['x'])).toBe('\\log_{2}\\left(x\\right)');
  });
});

/** Each refused input and the start of the message that says the fix. */
const REFUSED: Array<[string, string[], string]> = [
  ['x#2', ['x'], 'The character "#" cannot be used'],
  ['2x @ 3', ['x'], 'The character "@" cannot be used'],
  ['1/2x', ['x'], '"/2x" is ambiguous: write /(2x) to divide by 2x, or /2*x to divide by 2 only.'],
  ['x/2y', ['x', 'y'], '"/2y" is ambiguous'],
  ['x2', ['x'], 'A number cannot follow a factor directly'],
  ['(x+1)2', ['x'], 'A number cannot follow a factor directly'],
  ['x 2', ['x'], 'A number cannot follow a factor directly'],
  ['sin(x)^2 3', ['x'], 'A number cannot follow a factor directly'],
  ['(x > 0)', ['x'], 'for the indicator 1[u > 0] (ReLU\'s derivative) write step(u)'],
  ['asinx', ['a', 'x'], '"asinx" can be read as asin·x or as a·sin·x'],
  ['xy', ['x'], 'Unknown symbol "xy": this answer may use only x'],
  ['t', ['x'], 'Unknown symbol "t": this answer may use only x.'],
  ['sin x(x+1)', ['x'], '"sin …(" is ambiguous'],
  ['sin', ['x'], 'Write sin with its argument'],
  ['sin -x', ['x'], 'Write sin with its argument'],
  ['sec^-1(x)', ['x'], 'sec^-1 is not a function here: write 1/sec(x)'],
  ['sin^x(x)', ['x'], 'After sin^ write a whole power'],
  ['y = 2x', ['x', 'y'], 'Write only the derivative'],
  ['dy/dx = 2x = 3', ['x', 'y'], 'Write only the derivative'],
  ['x < 2', ['x'], 'Write only the expression'],
  ['[1, 2]', ['x'], 'Use round brackets'],
  ['x!', ['x'], 'Factorials'],
  ['"hi"', ['x'], 'Text in quotes'],
  ['x; x', ['x'], 'Write a single expression'],
  ['1,5', ['x'], 'A comma only separates'],
  ['|x', ['x'], 'Unbalanced | bars'],
  ['sin(x', ['x'], 'Unbalanced parentheses.'],
  ['()', ['x'], 'Empty parentheses'],
  ['x +', ['x'], 'The answer ends too early'],
  ['foo(x)', ['x'], 'Unknown function "foo"'],
  ['derivative(x^2, x)', ['x'], 'Write the derivative itself'],
  ['log(x, 2, 3)', ['x'], 'log takes one argument'],
  ['sin(x, 2)', ['x'], 'sin takes one argument'],
  ['1e400', ['x'], 'That number is too large.'],
  ["x'", ['x'], "Write the derivative itself: y' or f'(x) may only start"],
];

describe('the expression language: refused notation', () => {
  it.each(REFUSED)('refuses %s with a message that says the fix', (src, vars, message) => {
    const p = parseAnswer(src, vars);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.error).toContain(message);
  });
});
