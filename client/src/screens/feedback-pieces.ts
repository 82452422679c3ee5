/**
 * A verdict's feedback sentence cut into words and runs of maths. The checker writes its maths in typed notation
 * inside plain sentences ("you wrote 4*x^2, the derivative is 8*x", "compare at x = -0.223", "what dL/dW2[1][1]
 * comes to (like σ'(z) = a(1 − a))"); the screen typesets each run (feedback-text.ts) and leaves the words as
 * words. Pure, so the cut can be tested on every sentence the question families write.
 */

/** A word that is maths on its own: operators, powers, calls, a number glued to a letter ("2x"), F_x, a prime (g'). */
const MATHY = /[\^*/·⊙ᵀ]|\d[a-zA-Z]|[a-zA-Zσ]\(|^\(.*\)$|^[a-zA-Z]_[a-zA-Z0-9]+$|^[a-zA-Zσ]'+(?![a-zA-Z]{2})/;
/** An apostrophe after two letters is English ("layer's", "don't"); after one letter it is a prime (σ'(z), f''). */
const PROSE_APOSTROPHE = /[A-Za-z]{2}'|^'|[‘’]/;
/** …unless the letters name a function whose derivative it is (tanh'(z), sigmoid'(z)). */
const NAMED_PRIME = /^(?:sigmoid|tanh|relu|ReLU|softplus|sin|cos|exp|ln|log)'+\(/;
/** An operator standing alone between two terms ("x = -0.2", "u + 1"). */
const OPERATOR = /^(=|\+|-|−|·|\*|\/|<|>|≤|≥|⊙)$/;
/** Relations split a run into sides that are typeset one by one ("x = -0.2" is not one expression). */
const RELATION = /^(=|<|>|≤|≥)$/;
/** A short term an operator joins into the run: a number, a variable, a short expression. */
const TERM = /^[\w.\-−()^*/'σ·]{1,14}$/;
/** Punctuation that ends a sentence or clause, kept outside the typeset run. */
const TRAIL = /[.,;:!?]+$/;

export type FeedbackPiece = { kind: 'text'; text: string } | { kind: 'math'; sides: string[]; relations: string[] };

interface Token {
  text: string;
  trail: string;
  math: boolean;
}

/** The sentence as text pieces and maths pieces; a maths piece is its sides with the relations between them. */
export function feedbackPieces(text: string): FeedbackPiece[] {
  const tokens: Token[] = glueArguments(text).split(/\s+/).filter((w) => w !== '').map((w) => {
    const trail = TRAIL.exec(w)?.[0] ?? '';
    const core = trail && trail !== w ? w.slice(0, -trail.length) : w;
    return { text: core, trail: core === w ? '' : trail, math: MATHY.test(core) && !isProse(core) };
  });
  // An operator makes maths of the terms on either side of it, and of itself.
  tokens.forEach((t, i) => {
    if (!OPERATOR.test(t.text)) return;
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    if (!before || !after || before.trail) return;
    // Between maths or short terms on both sides ("x = -0.2", "e^(2*x - 5)"), an operator is maths.
    if (!(before.math || isTerm(before.text)) || !(after.math || isTerm(after.text))) return;
    before.math = true;
    t.math = true;
    after.math = true;
  });
  const pieces: FeedbackPiece[] = [];
  const say = (said: string): void => {
    if (said === '') return;
    // A negative number left in the words ("yours gives -0.61") gets the minus sign of print, as the maths has.
    const s = said.replace(/(^|[\s(])-(?=\d)/g, '$1−');
    const last = pieces[pieces.length - 1];
    if (last?.kind === 'text') last.text += s;
    else pieces.push({ kind: 'text', text: s });
  };
  let run: string[] = [];
  const flush = (trail: string): void => {
    if (run.length === 0) return;
    for (const part of sentenceBrackets(run.join(' '))) {
      if (part.kind === 'text') say(part.text);
      else mathPiece(part.text);
    }
    say(trail);
    run = [];
  };
  const mathPiece = (body: string): void => {
    const sides: string[] = [];
    const relations: string[] = [];
    let side: string[] = [];
    for (const w of body.split(' ').filter((x) => x !== '')) {
      if (RELATION.test(w) && side.length > 0) {
        sides.push(side.join(' '));
        relations.push(w);
        side = [];
      } else side.push(w);
    }
    if (side.length > 0) sides.push(side.join(' '));
    // A relation with nothing after it ("… is at x =") is said, not typeset.
    const dangling = relations.length === sides.length ? ` ${relations.pop() as string}` : '';
    if (sides.length > 0) pieces.push({ kind: 'math', sides, relations });
    say(dangling);
  };
  tokens.forEach((t, i) => {
    if (i > 0 && run.length === 0) say(' ');
    if (t.math) {
      run.push(t.text);
      if (t.trail || !tokens[i + 1]?.math) flush(t.trail);
      return;
    }
    say(t.text + t.trail);
  });
  flush('');
  return pieces;
}

function isTerm(word: string): boolean {
  return TERM.test(word) && !isProse(word);
}

/** An apostrophe of English, not a prime. */
function isProse(word: string): boolean {
  return PROSE_APOSTROPHE.test(word) && !NAMED_PRIME.test(word);
}

/**
 * A run cut at the brackets that belong to the sentence, not the maths: "(like σ'(z) = a(1 − a))" opens a bracket
 * in the words and closes it after the run, so the run "a(1 − a))" gives its last ")" back to the sentence, as
 * "dL/da (a − y" gives its "(", and a clause's punctuation inside the bracket ("dy/dx?)") goes with it. What is
 * left is maths whose brackets pair up.
 */
function sentenceBrackets(run: string): Array<{ kind: 'text' | 'math'; text: string }> {
  const open: number[] = [];
  const cut = new Set<number>();
  [...run].forEach((ch, i) => {
    if (ch === '(') open.push(i);
    else if (ch === ')' && open.pop() === undefined) cut.add(i);
  });
  for (const i of open) cut.add(i);
  const out: Array<{ kind: 'text' | 'math'; text: string }> = [];
  let maths = '';
  const end = (): void => {
    const punct = TRAIL.exec(maths)?.[0] ?? '';
    const body = maths.slice(0, maths.length - punct.length);
    const lead = /^\s*/.exec(body)?.[0] ?? '';
    const trail = /\s*$/.exec(body)?.[0] ?? '';
    if (lead) out.push({ kind: 'text', text: lead });
    if (body.trim() !== '') out.push({ kind: 'math', text: body.trim() });
    if (trail && body.trim() !== '') out.push({ kind: 'text', text: trail });
    if (punct) out.push({ kind: 'text', text: punct });
    maths = '';
  };
  [...run].forEach((ch, i) => {
    if (cut.has(i)) {
      end();
      out.push({ kind: 'text', text: ch });
    } else maths += ch;
  });
  end();
  return out;
}

/**
 * "g(x, y)" is one piece of maths: inside a call's brackets (a bracket glued to a name) the space after a comma
 * is dropped, so the words split around the call, not through it. A bracket opened in the words ("(like x·y or
 * …)") is left alone.
 */
function glueArguments(text: string): string {
  const calls: boolean[] = [];
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '(') calls.push(/[A-Za-z0-9σ']/.test(text[i - 1] ?? ' '));
    else if (ch === ')') calls.pop();
    out += ch;
    if (ch === ',' && calls[calls.length - 1] === true) while (text[i + 1] === ' ') i += 1;
  }
  return out;
}
