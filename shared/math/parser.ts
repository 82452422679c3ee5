import type { BinaryOp, Expr } from './ast';
import { functionSpec } from './functions';
import { Refusal, type Token } from './lexer';

/**
 * The one precedence parser (docs/notation.md), read the way a maths teacher reads typed maths:
 *
 *   sum      := product (('+' | '-') product)*
 *   product  := unary (('*' | '/') unary)*          a juxtaposed denominator (1/2x) is refused as ambiguous
 *   unary    := ('-' | '+') unary | juxt            so -x^2 = -(x^2)
 *   juxt     := power power*                        implicit product: 6x(x^2+1)^2 = 6·x·(x²+1)²
 *   power    := atom ('^' exponent)?
 *   exponent := ('-' | '+') exponent | atom ('^' exponent)?   one factor: e^2x = e²·x, 2^x^2 = 2^(x²)
 *   atom     := number | variable | constant | ( sum ) | | sum | | call
 *   call     := fn ('^' n)? ( '(' args ')' | simple+ )  sin^2(x) = sin(x)², sin^-1 = asin, cos 2x = cos(2x)
 *
 * A number may only start a product run (`x2` and `(x+1)2` are refused), or follow a closing bracket after a space
 * (`cos(x^2) 2x`). Bounded recursion.
 */
export function parseTokens(tokens: readonly Token[], maxDepth: number, opts: { constantsAsNames?: boolean } = {}): Expr {
  const p = new Parser(tokens, maxDepth, opts.constantsAsNames === true);
  const e = p.sum();
  p.end();
  return e;
}

class Parser {
  private i = 0;
  private depth = 0;
  private absOpen = 0;
  /** Set by the juxt that returned last: did it join two or more factors, and where did the second start? */
  private joined = false;
  private secondFactor = 0;
  constructor(
    private readonly toks: readonly Token[],
    private readonly maxDepth: number,
    /** Keep `e` and `pi` as names (for the generators' symbolic trees) instead of their values. */
    private readonly constantsAsNames: boolean,
  ) {}

  private peek(): Token | undefined {
    return this.toks[this.i];
  }

  private isOp(op: string): boolean {
    const t = this.toks[this.i];
    return t?.t === 'op' && t.op === op;
  }

  private enter(): void {
    if (++this.depth > this.maxDepth * 4) throw new Refusal('That answer is nested too deeply.');
  }

  end(): void {
    const t = this.peek();
    if (t === undefined) return;
    if (t.t === ')') throw new Refusal('Unbalanced parentheses.');
    if (t.t === ',') throw new Refusal('A comma only separates the arguments of log(x, base); write decimals with a point, as in 0.5.');
    if (t.t === '|') throw new Refusal('Unbalanced | bars: write |x| for the absolute value.');
    throw new Refusal(`That answer could not be read near character ${t.at + 1}.`);
  }

  sum(): Expr {
    let left = this.product();
    for (let t = this.peek(); t?.t === 'op' && (t.op === '+' || t.op === '-'); t = this.peek()) {
      this.i++;
      left = { k: 'bin', op: t.op, a: left, b: this.product() };
    }
    return left;
  }

  private product(): Expr {
    let left = this.unary();
    for (let t = this.peek(); t?.t === 'op' && (t.op === '*' || t.op === '/'); t = this.peek()) {
      this.i++;
      const start = this.i;
      const right = this.unary();
      if (t.op === '/' && this.joined) {
        const all = this.source(start, this.i);
        const first = this.source(start, this.secondFactor);
        const rest = this.source(this.secondFactor, this.i);
        throw new Refusal(`"/${all}" is ambiguous: write /(${all}) to divide by ${all}, or /${first}*${rest} to divide by ${first} only.`);
      }
      left = { k: 'bin', op: t.op, a: left, b: right };
    }
    return left;
  }

  private source(start: number, end: number): string {
    const parts: string[] = [];
    for (let k = start; k < end && parts.length < 12; k++) parts.push(show(this.toks[k] as Token));
    return parts.join('');
  }

  private unary(): Expr {
    const t = this.peek();
    if (t?.t === 'op' && (t.op === '-' || t.op === '+')) {
      this.i++;
      this.enter();
      const a = this.unary();
      this.depth--;
      return t.op === '-' ? { k: 'neg', a } : a;
    }
    return this.juxt();
  }

  private juxt(): Expr {
    let left = this.power();
    let joined = false;
    let second = 0;
    for (;;) {
      const t = this.peek();
      if (t === undefined || !this.startsFactor(t)) {
        this.joined = joined;
        this.secondFactor = second;
        return left;
      }
      if (!joined) second = this.i;
      joined = true;
      // After a closing bracket a space starts a new factor: `cos(x^2) 2x` is cos(x²)·2x. `x2`, `(x+1)2`, `x 2` stay refused.
      if (t.t === 'num' && !(t.spaced && this.afterClosing())) {
        throw new Refusal(`A number cannot follow a factor directly (near character ${t.at + 1}): write 2x, not x2; use ^ for a power (x^2) or * for a product.`);
      }
      left = { k: 'bin', op: '*', a: left, b: this.power() };
    }
  }

  /** Did the factor just read end with a closing bracket or bar? (juxt has just read a whole factor.) */
  private afterClosing(): boolean {
    const prev = this.toks[this.i - 1]?.t;
    return prev === ')' || prev === '|';
  }

  private startsFactor(t: Token): boolean {
    if (t.t === '|') return this.absOpen === 0;
    return t.t === 'num' || t.t === 'var' || t.t === 'const' || t.t === 'fn' || t.t === '(';
  }

  private power(): Expr {
    const base = this.atom();
    if (!this.isOp('^')) return base;
    this.i++;
    return { k: 'bin', op: '^', a: base, b: this.exponent() };
  }

  private exponent(): Expr {
    this.enter();
    const t = this.peek();
    let e: Expr;
    if (t?.t === 'op' && (t.op === '-' || t.op === '+')) {
      this.i++;
      const a = this.exponent();
      e = t.op === '-' ? { k: 'neg', a } : a;
    } else {
      e = this.power();
    }
    this.depth--;
    return e;
  }

  private atom(): Expr {
    const t = this.peek();
    if (t === undefined) throw new Refusal('The answer ends too early: something is missing after the last sign.');
    this.i++;
    switch (t.t) {
      case 'num':
        return { k: 'num', v: t.v };
      case 'var':
        return { k: 'var', name: t.name };
      case 'const':
        return this.constantsAsNames ? { k: 'var', name: t.name } : { k: 'num', v: t.v };
      case '(': {
        if (this.peek()?.t === ')') throw new Refusal('Empty parentheses: put an expression inside ( ).');
        this.enter();
        const inner = this.sum();
        this.depth--;
        this.expect(')', 'Unbalanced parentheses.');
        return inner;
      }
      case '|': {
        this.enter();
        this.absOpen++;
        const inner = this.sum();
        this.absOpen--;
        this.depth--;
        this.expect('|', 'Unbalanced | bars: write |x| for the absolute value.');
        return { k: 'fn', name: 'abs', args: [inner] };
      }
      case 'fn':
        return this.call(t);
      case ')':
        throw new Refusal('Unbalanced parentheses.');
      case ',':
        throw new Refusal('A comma only separates the arguments of log(x, base); write decimals with a point, as in 0.5.');
      default:
        throw new Refusal(`Something is missing before "${show(t)}" (near character ${t.at + 1}).`);
    }
  }

  private expect(kind: Token['t'], message: string): void {
    if (this.peek()?.t !== kind) throw new Refusal(message);
    this.i++;
  }

  private call(f: Extract<Token, { t: 'fn' }>): Expr {
    let name = f.name;
    let power: number | null = null;
    if (this.isOp('^')) {
      this.i++;
      const n = this.functionPower(f.typed);
      if (n === -1) {
        const inverse = functionSpec(name)?.inverse;
        if (!inverse) throw new Refusal(`${f.typed}^-1 is not a function here: write 1/${f.typed}(x) for the reciprocal.`);
        name = inverse;
      } else {
        power = n;
      }
    }
    const args = this.peek()?.t === '(' ? this.argList(f.typed) : [this.bareArgument(f.typed)];
    if (f.base10) {
      if (args.length !== 1) throw new Refusal(`${f.typed} takes one argument.`);
      args.push({ k: 'num', v: 10 });
    }
    const spec = functionSpec(name);
    const max = spec?.maxArgs ?? 1;
    if (args.length > max) {
      throw new Refusal(name === 'log' ? 'log takes one argument, or two as in log(x, base).' : `${f.typed} takes one argument.`);
    }
    const call: Expr = { k: 'fn', name, args };
    return power === null ? call : { k: 'bin', op: '^', a: call, b: { k: 'num', v: power } };
  }

  /** The n of `sin^n`: a positive whole number, or -1 for the inverse (`sin^-1`, `sin^(-1)`). */
  private functionPower(typed: string): number {
    const paren = this.peek()?.t === '(';
    if (paren) this.i++;
    let sign = 1;
    if (this.isOp('-')) {
      sign = -1;
      this.i++;
    }
    const t = this.peek();
    if (t?.t !== 'num' || !Number.isInteger(t.v) || t.v < 1 || t.v > 99 || (sign < 0 && t.v !== 1)) {
      throw new Refusal(`After ${typed}^ write a whole power and then the argument, as in ${typed}^2(x); or write ${typed}(x)^n.`);
    }
    this.i++;
    if (paren) this.expect(')', 'Unbalanced parentheses.');
    return sign * t.v;
  }

  private argList(typed: string): Expr[] {
    this.i++;
    this.enter();
    if (this.peek()?.t === ')') throw new Refusal(`Put the argument inside the parentheses, as in ${typed}(x).`);
    const args = [this.sum()];
    while (this.peek()?.t === ',') {
      this.i++;
      args.push(this.sum());
      if (args.length > 2) throw new Refusal(`${typed} takes one argument.`);
    }
    this.depth--;
    this.expect(')', 'Unbalanced parentheses.');
    return args;
  }

  /**
   * `sin x`, `cos 2x`, `sin x^2`, `ln 3x`: the argument of a function written without parentheses is the run of
   * numbers, variables and constants (each with its power) that follows, up to the next function, operator or
   * bracket. `sin x(x+1)` is refused as ambiguous.
   */
  private bareArgument(typed: string): Expr {
    const first = this.peek();
    // ln|x|: an absolute value is a whole argument.
    if (first?.t === '|' && this.absOpen === 0) return this.simple();
    if (first === undefined || (first.t !== 'num' && first.t !== 'var' && first.t !== 'const')) {
      throw new Refusal(`Write ${typed} with its argument, as in ${typed}(x) or ${typed} x; use parentheses for anything longer.`);
    }
    let arg = this.simple();
    for (let t = this.peek(); t !== undefined && (t.t === 'var' || t.t === 'const'); t = this.peek()) {
      arg = { k: 'bin', op: '*', a: arg, b: this.simple() };
    }
    const after = this.peek();
    if (after?.t === '(' || after?.t === 'num') {
      throw new Refusal(`"${typed} …(" is ambiguous: put the whole argument in parentheses, as in ${typed}(x(x+1)) or ${typed}(x)·(x+1).`);
    }
    return arg;
  }

  private simple(): Expr {
    const base = this.atom();
    if (!this.isOp('^')) return base;
    this.i++;
    return { k: 'bin', op: '^' as BinaryOp, a: base, b: this.exponent() };
  }
}

function show(t: Token): string {
  switch (t.t) {
    case 'num':
      return String(t.v);
    case 'var':
      return t.name;
    case 'const':
      return t.name;
    case 'fn':
      return t.typed;
    case 'op':
      return t.op;
    default:
      return t.t;
  }
}
