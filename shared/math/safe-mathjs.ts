import { create, all, type FactoryFunctionMap, type MathNode } from 'mathjs';

/**
 * A mathjs instance only for reading player input, hardened as the mathjs security page describes: the
 * functions that could run code, define units or re-enter the parser are replaced by functions that throw. We keep
 * a private reference to the original `parse`, taken before the replacements go in, and never evaluate with mathjs:
 * the tree is walked against an allow-list and compiled by our own code (compile.ts).
 */
const instance = create(all as FactoryFunctionMap, { number: 'number' });
const privateParse = instance.parse;

function disabled(name: string): () => never {
  return () => {
    throw new Error(`Function ${name} is disabled`);
  };
}

instance.import(
  {
    import: disabled('import'),
    createUnit: disabled('createUnit'),
    evaluate: disabled('evaluate'),
    parse: disabled('parse'),
    simplify: disabled('simplify'),
    derivative: disabled('derivative'),
    resolve: disabled('resolve'),
    reviver: disabled('reviver'),
  },
  { override: true },
);

/** Exposed so tests can prove the replacements are in place; nothing else should use it. */
export const hardenedInstance = instance;

/**
 * Parses a string already bounded by `checkBounds` (length, bracket depth). Throws mathjs syntax errors,
 * which the caller turns into a message for a person.
 */
export function parseBounded(src: string): MathNode {
  return privateParse(src);
}
