/**
 * How big a formula is on screen, measured without a browser: KaTeX builds its box tree (the same tree the
 * client renders), and its glyphs carry their advance widths from KaTeX's font metrics. Widths add along a row
 * and take the widest line of a stacked box (fraction, matrix column, superscript over subscript); KaTeX's size
 * classes scale what they hold. The result is in ems of the formula's own font size, close to what Chromium
 * lays out (within a few per cent), which is enough to rank the questions a generator can make by size.
 *
 * The client typesets a fit box in inline mode (client/src/screens/host/fit-math.ts), where KaTeX may break a
 * line only between its top-level `.base` pieces (after a relation, a binary operator or `\allowbreak`): the
 * widest piece is what no box can wrap, the sum of the pieces is what the box wraps into lines.
 */
import katex from 'katex';
import { unifyNames } from '../../client/src/views/names';

export interface TexSize {
  /** Widest piece no line break can split, em. */
  widest: number;
  /** All pieces side by side, em. */
  total: number;
  /** Tallest piece (height + depth), em. */
  tallest: number;
}

/** KaTeX's size classes `size1` … `size11` (katex/src/Options.ts). */
const SIZE = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.2, 1.44, 1.728, 2.074, 2.488];

interface Box {
  text?: string;
  width?: number;
  italic?: number;
  height?: number;
  depth?: number;
  classes?: string[];
  style?: Record<string, string | undefined>;
  children?: Box[];
}

const em = (v: string | undefined): number => {
  const m = /^(-?[\d.]+)em$/.exec(v ?? '');
  return m ? Number(m[1]) : 0;
};

/** The font-size factor a node's classes apply to its contents (`sizing reset-size6 size3`: 0.7 / 1). */
function sizing(classes: string[]): number {
  if (!classes.includes('sizing') && !classes.includes('fontsize-ensurer')) return 1;
  const from = classes.find((c) => c.startsWith('reset-size'));
  const to = classes.find((c) => /^size\d+$/.test(c));
  if (!from || !to) return 1;
  return (SIZE[Number(to.slice(4)) - 1] ?? 1) / (SIZE[Number(from.slice(10)) - 1] ?? 1);
}

/** KaTeX's box tree without a document (an internal export, used by KaTeX's own tests; stable since 0.10). */
const internals = katex as unknown as { __renderToDomTree: (tex: string, options: object) => Box };
const renderToDomTree = (tex: string, options: object): Box => internals.__renderToDomTree(tex, options);

const GLYPH = new Map<string, number>();

/** One character's advance width, from KaTeX's metrics (asked of KaTeX itself); about half an em if it has none. */
function glyphWidth(ch: string, italic: boolean): number {
  const key = `${italic ? 'i' : 'r'}${ch}`;
  let w = GLYPH.get(key);
  if (w === undefined) {
    const src = ch === ' ' ? '\\text{ }' : italic ? ch : `\\text{${ch.replace(/[\\{}$&#^_%~]/g, '\\$&')}}`;
    const tree = renderToDomTree(src, { displayMode: false, output: 'html', throwOnError: false, strict: 'ignore' });
    let found = 0;
    const walk = (n: Box): void => {
      if (n.text !== undefined && n.text !== '\u200b') found = n.width ?? 0;
      for (const k of n.children ?? []) walk(k);
    };
    walk(tree);
    w = found > 0 ? found : 0.5;
    GLYPH.set(key, w);
  }
  return w;
}

/**
 * A glyph node's width. KaTeX merges a run of characters of one font into one node but keeps the first
 * character's width: a run is measured character by character.
 */
function glyphsWidth(node: Box): number {
  const text = (node.text ?? '').replace(/\u200b/g, '');
  if (text.length === 0) return 0;
  if ([...text].length === 1) return node.width && node.width > 0 ? node.width : 0.5;
  const italic = node.classes?.includes('mathnormal') ?? false;
  let sum = 0;
  for (const ch of text) sum += glyphWidth(ch, italic);
  return sum;
}

/** The advance width of `node`, em of the font size around it. */
function widthOf(node: Box, scale: number): number {
  const classes = node.classes ?? [];
  const s = scale * sizing(classes);
  const style = node.style ?? {};
  let own = (em(style.width) + em(style.marginLeft) + em(style.marginRight) + em(style.paddingLeft) + em(style.paddingRight)) * s;
  if (classes.includes('nulldelimiter')) own += 0.12 * s;
  if (node.text !== undefined) return own + glyphsWidth(node) * s;
  const kids = node.children ?? [];
  if (classes.includes('vlist')) {
    // A vertical list: its rows stack, so it is as wide as its widest row.
    let max = 0;
    for (const k of kids) max = Math.max(max, widthOf(k, s));
    return own + max;
  }
  let sum = 0;
  for (const k of kids) sum += widthOf(k, s);
  return own + sum;
}

/** The top-level pieces of an inline formula (the `.base` spans between which KaTeX may break a line). */
function pieces(tree: Box): Box[] {
  const out: Box[] = [];
  const walk = (n: Box): void => {
    if (n.classes?.includes('base')) out.push(n);
    else for (const k of n.children ?? []) walk(k);
  };
  walk(tree);
  return out;
}

/**
 * The size of `latex` as the projector typesets it in a fit box (`\displaystyle`, inline mode, names unified);
 * `display` for a phone's display-mode formula, which never breaks (one piece).
 */
export function texSize(latex: string, opts: { display?: boolean } = {}): TexSize {
  // Questions of a family share many formulas (a first step, a Jacobian of the same functions): measured once.
  const key = `${opts.display ? 'd' : 'i'}${latex}`;
  const known = MEASURED.get(key);
  if (known) return known;
  const size = measure(latex, opts.display ?? false);
  MEASURED.set(key, size);
  return size;
}

const MEASURED = new Map<string, TexSize>();

function measure(latex: string, display: boolean): TexSize {
  const src = display ? unifyNames(latex) : `\\displaystyle ${unifyNames(latex)}`;
  const tree = renderToDomTree(src, { displayMode: display, output: 'html', throwOnError: false, strict: 'ignore', maxSize: 50, maxExpand: 200 });
  const parts = pieces(tree);
  let widest = 0;
  let total = 0;
  let tallest = 0;
  for (const p of parts) {
    const w = widthOf(p, 1);
    widest = Math.max(widest, w);
    total += w;
    tallest = Math.max(tallest, (p.height ?? 0) + (p.depth ?? 0));
  }
  if (display) widest = total;
  return { widest, total, tallest };
}
