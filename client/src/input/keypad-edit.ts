/**
 * What a keypad key does to the text and the caret: pure, so the tap counts are tested without a browser.
 * Every key leaves text the checker reads as the preview shows it, with the current parser too: a function
 * key after a letter, digit or bracket inserts a space first (`2x cos(`, never the unreadable `2xcos(`), a
 * letter after a letter is spaced (`x y`, not the unknown symbol `xy`), a digit after a letter or bracket is an
 * explicit product (`x*2`, since `x2` is refused), and brackets open in pairs, so a
 * finished expression is never short of a `)`.
 */
export interface Edit {
  text: string;
  /** Caret position (a collapsed selection). */
  caret: number;
}

export type Key =
  | { kind: 'digit'; value: string }
  | { kind: 'symbol'; value: string }
  | { kind: 'fn'; name: string }
  | { kind: 'open' }
  | { kind: 'close' }
  | { kind: 'op'; value: '+' | '-' | '*' | '/' | '^' }
  | { kind: 'square' }
  | { kind: 'fraction' }
  | { kind: 'back' }
  | { kind: 'left' }
  | { kind: 'right' };

/** Applies one key. `selEnd` > caret replaces the selection first (as typing would). */
export function applyKey(state: Edit, key: Key, selEnd = state.caret): Edit {
  const start = Math.min(state.caret, selEnd);
  const end = Math.max(state.caret, selEnd);
  if (end > start && key.kind !== 'left' && key.kind !== 'right') {
    const cleared = { text: state.text.slice(0, start) + state.text.slice(end), caret: start };
    return key.kind === 'back' ? cleared : applyKey(cleared, key);
  }
  const { text, caret } = state;
  const before = text.slice(0, caret);
  const after = text.slice(caret);
  switch (key.kind) {
    case 'digit':
      // A number after a factor is not a product in the answer language (`x2` is refused): make it explicit.
      return insert(state, /[A-Za-z)]$/.test(before) ? `*${key.value}` : key.value);
    case 'symbol':
      return insert(state, /[A-Za-z]$/.test(before) ? ` ${key.value}` : key.value);
    case 'fn':
      return insert(state, `${/[A-Za-z0-9.)]$/.test(before) ? ' ' : ''}${key.name}(`, ')');
    case 'open':
      // A pair when nothing follows that the bracket could be meant to wrap.
      return /^($|[\s)+\-*/^])/.test(after) ? insert(state, '(', ')') : insert(state, '(');
    case 'close':
      return after.startsWith(')') ? { text, caret: caret + 1 } : insert(state, ')');
    case 'op':
      return insert(state, key.value);
    case 'square':
      return insert(state, '^2');
    case 'fraction':
      return insert(state, '(', ')/()');
    case 'back':
      return backspace(state);
    case 'left':
      return { text, caret: Math.max(0, start - (end > start ? 0 : 1)) };
    case 'right':
      if (end > start) return { text, caret: end };
      // Out of a numerator straight into its denominator: `(a|)/()` → `(a)/(|)`.
      if (after.startsWith(')/(')) return { text, caret: caret + 3 };
      return { text, caret: Math.min(text.length, caret + 1) };
  }
}

function insert(state: Edit, left: string, right = ''): Edit {
  const text = state.text.slice(0, state.caret) + left + right + state.text.slice(state.caret);
  return { text, caret: state.caret + left.length };
}

/** Deletes what the last key inserted: a whole empty `cos()` or `()`, a function opening, or one character. */
function backspace(state: Edit): Edit {
  const { text, caret } = state;
  if (caret === 0) return state;
  const before = text.slice(0, caret);
  const after = text.slice(caret);
  const empty = /\s?[A-Za-z]*\($/.exec(before);
  if (empty && after.startsWith(')')) {
    const from = caret - empty[0].length;
    // `()/()` typed with the fraction key goes in one tap too.
    const tail = after.startsWith(')/()') ? 4 : 1;
    return { text: text.slice(0, from) + after.slice(tail), caret: from };
  }
  const fn = /\s?[A-Za-z]{2,}\($/.exec(before);
  if (fn) return { text: text.slice(0, caret - fn[0].length) + after, caret: caret - fn[0].length };
  const spaced = / .$/.test(before) ? 2 : 1;
  return { text: text.slice(0, caret - spaced) + after, caret: caret - spaced };
}

/** Taps for a key sequence from empty text (for tap-count tests and the report). */
export function typeKeys(keys: Key[]): Edit {
  return keys.reduce<Edit>((s, k) => applyKey(s, k), { text: '', caret: 0 });
}
