/** Names of the checker's mistake codes, for a person: feedback, the class histogram, the review and the report. */
const NAMES: Record<string, string> = {
  'forgot-inner-derivative': 'forgot the inner derivative',
  'inner-derivative-composed': 'composed the derivatives f′(g′(x))',
  'outer-not-evaluated-at-inner': 'did not evaluate the outer derivative at the inner function',
  'missing-layer-factor': 'missed one layer’s factor',
  'missing-path': 'missed a path through the variables',
  'sign-error': 'made a sign error',
  reciprocal: 'took the reciprocal (dx/dy for dy/dx)',
  'activation-derivative-missing': 'forgot the activation’s derivative',
  'wrong-order': 'multiplied the Jacobians in the wrong order',
};

/** "forgot the inner derivative" for a known code; a generic phrase for null/unknown codes. */
export function mistakeName(code: string | null | undefined): string {
  if (code === null || code === undefined) return 'another mistake';
  return NAMES[code] ?? code.replace(/-/g, ' ');
}

/** Capitalised form for a heading: "Forgot the inner derivative". */
export function mistakeTitle(code: string | null | undefined): string {
  const name = mistakeName(code);
  return name.charAt(0).toUpperCase() + name.slice(1);
}
