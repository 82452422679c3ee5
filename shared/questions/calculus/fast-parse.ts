import type { MathNode } from 'mathjs';
import { math } from '../../math/engine';

/**
 * A small recursive-descent parser for the explicit subset of mathjs syntax our own generators write
 * (numbers, names, calls, + - * / ^, unary minus, parentheses), ~10× faster than math.parse. It follows
 * mathjs precedence exactly (unary minus binds looser than ^, ^ is right-associative and takes a signed
 * exponent). Anything else, implicit multiplication included, returns null and the caller falls back to
 * math.parse, so the result never differs from what mathjs would read.
 */
export function fastParse(src: string): MathNode | null {
  const p = new Parser(src);
  const node = p.sum();
  return node && p.done() ? node : null;
}

const DIGIT = /[0-9.]/;
const NAME_START = /[A-Za-z_]/;
const NAME = /[A-Za-z0-9_]/;
const NUMBER = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  private skip(): void {
    while (this.s[this.i] === ' ') this.i++;
  }

  private peek(): string {
    this.skip();
    return this.s[this.i] ?? '';
  }

  done(): boolean {
    return this.peek() === '';
  }

  sum(): MathNode | null {
    let left = this.product();
    for (let c = this.peek(); left && (c === '+' || c === '-'); c = this.peek()) {
      this.i++;
      const right = this.product();
      if (!right) return null;
      left = new math.OperatorNode(c as never, (c === '+' ? 'add' : 'subtract') as never, [left, right] as never);
    }
    return left;
  }

  private product(): MathNode | null {
    let left = this.unary();
    for (let c = this.peek(); left && (c === '*' || c === '/'); c = this.peek()) {
      this.i++;
      const right = this.unary();
      if (!right) return null;
      left = new math.OperatorNode(c as never, (c === '*' ? 'multiply' : 'divide') as never, [left, right] as never);
    }
    return left;
  }

  private unary(): MathNode | null {
    const c = this.peek();
    if (c === '-' || c === '+') {
      this.i++;
      const arg = this.unary();
      return arg && new math.OperatorNode(c as never, (c === '-' ? 'unaryMinus' : 'unaryPlus') as never, [arg] as never);
    }
    return this.power();
  }

  private power(): MathNode | null {
    const base = this.atom();
    if (!base || this.peek() !== '^') return base;
    this.i++;
    const exp = this.unary();
    return exp && new math.OperatorNode('^' as never, 'pow' as never, [base, exp] as never);
  }

  private atom(): MathNode | null {
    const c = this.peek();
    if (c === '(') {
      this.i++;
      const inner = this.sum();
      if (!inner || this.peek() !== ')') return null;
      this.i++;
      return inner;
    }
    if (DIGIT.test(c)) return this.number();
    if (NAME_START.test(c)) return this.name();
    return null;
  }

  private number(): MathNode | null {
    const m = NUMBER.exec(this.s.slice(this.i));
    if (!m) return null;
    this.i += m[0].length;
    return new math.ConstantNode(Number(m[0]));
  }

  private name(): MathNode | null {
    const start = this.i;
    while (this.i < this.s.length && NAME.test(this.s[this.i] as string)) this.i++;
    const id = this.s.slice(start, this.i);
    if (this.peek() !== '(') return new math.SymbolNode(id);
    this.i++;
    const args: MathNode[] = [];
    for (;;) {
      const arg = this.sum();
      if (!arg) return null;
      args.push(arg);
      const sep = this.peek();
      this.i++;
      if (sep === ')') break;
      if (sep !== ',') return null;
    }
    return new math.FunctionNode(new math.SymbolNode(id), args);
  }
}
