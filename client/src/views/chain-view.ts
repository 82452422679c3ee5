/**
 * Chain families (chain, nested, higher-order, activation): the composition drawn as boxes from x to y,
 * innermost on the left, the active layer highlighted, each answered box marked ✓ / ✗, and at reveal every box's
 * local derivative with the chain-rule product assembled at the end.
 */
import type { PublicQuestion } from '../../../shared/questions/types';
import type { ExprTask } from '../../../shared/questions/types';
import type { ViewState } from './contract';
import { latexOrText } from './math-render';
import { boxFunction } from '../../../shared/questions/calculus/box-function';
import { COLORS, css, MUTED_TEXT } from './palette';
import { arrow, endRadius } from './shapes';
import type { Drawer, Label, Stage } from './stage';
import { describeChain } from './describe';

interface Column {
  /** Layer index (0 = outermost), or -1 for the x / y end nodes. */
  layer: number;
  main: Label;
  /** The player's answer for this layer (✓ / ✗), then the revealed local derivative. */
  mark?: Label;
  deriv?: Label;
  w: number;
  h: number;
}

/** Label scale limits per mode: the projector grows a short chain to fill the screen, the phone may shrink a bit. */
const SCALE = { projector: { min: 0.55, max: 1.5 }, phone: { min: 0.85, max: 1 } } as const;
/** Scale of a vertical (phone) chain: one box a row leaves room for bigger labels. */
const VERTICAL_SCALE = 1.15;

export function createChainView(stage: Stage, question: PublicQuestion): Drawer {
  const layers = question.layers ?? [];
  const task = question.task as ExprTask;
  const variable = task.var ?? 'x';
  let state: ViewState = {};

  function columns(scale: number): Column[] {
    const cols: Column[] = [];
    const end = (tex: string): Column => {
      const main = stage.label(tex, { scale: scale * 1.1 });
      const r = endRadius(main, stage.metrics);
      return { layer: -1, main, w: 2 * r, h: 2 * r };
    };
    cols.push(end(variable));
    for (let li = layers.length - 1; li >= 0; li--) cols.push(boxColumn(li, scale));
    cols.push(end('y'));
    return cols;
  }

  function boxColumn(li: number, scale: number): Column {
    const layer = layers[li];
    // A box is written in its own input: the innermost box takes x itself, so it reads 2x², not 2u².
    const box = layer ? boxFunction(layer, variable) : { latex: 'u' };
    const main = stage.label(box.latex, {
      scale,
      className: `cra-box${state.activeLayer === li ? ' cra-box--active' : ''}`,
    });
    main.el.dataset.layer = String(li);
    if (state.activeLayer === li) main.el.setAttribute('aria-current', 'step');
    const col: Column = { layer: li, main, w: 0, h: 0 };
    const mark = state.layerMarks?.[li];
    if (mark) {
      const sign = mark.correct ? '✓' : '✗';
      const m = stage.label(latexOrText(mark.expr), {
        suffix: sign,
        scale: scale * 0.85,
        color: css(mark.correct ? COLORS.correct : COLORS.wrong),
        className: `cra-mark cra-mark--${mark.correct ? 'correct' : 'wrong'}`,
      });
      m.el.dataset.mark = sign;
      col.mark = m;
    }
    const rev = state.revealed?.layers?.[li];
    if (rev) {
      const own = rev.inner.trim() === variable;
      const r = stage.label(own ? (rev.latex?.evaluated ?? latexOrText(rev.evaluated)) : (rev.latex?.derivative ?? latexOrText(rev.derivative)), {
        scale: scale * 0.85,
        className: 'cra-derivative',
      });
      r.el.dataset.derivative = rev.derivative;
      col.deriv = r;
    }
    const below = belowLabels(col);
    col.w = Math.max(boxW(col, scale), ...below.map((b) => b.w));
    col.h = main.h + 2 * stage.metrics.pad * scale + below.reduce((s, b) => s + b.h + stage.metrics.gap * 0.4, 0);
    return col;
  }

  function footer(scale: number, maxW: number): Label[] {
    const q = state.revealed;
    if (!q?.layers || state.noProduct) return [];
    const factors = q.layers.map((l) => `\\left(${l.latex?.evaluated ?? latexOrText(l.evaluated)}\\right)`);
    const d = `\\frac{dy}{d${variable}}`;
    const opts = { scale, className: 'cra-product' };
    const out = [stage.fitParts([`${d} = ${factors[0] ?? ''}`, ...factors.slice(1)], ' \\cdot ', maxW, opts)];
    if (task.order === 2 && q.answer.expr) {
      out.push(stage.fitLabel(`\\frac{d^2y}{d${variable}^2} = ${latexOrText(q.answer.expr)}`, maxW, opts));
    }
    return out;
  }

  function draw(): void {
    if (!stage.ready) return;
    const vp = stage.viewport();
    const margin = stage.metrics.gap * 1.5;
    const avail = vp.w - 2 * margin;
    const limits = SCALE[stage.options.mode];
    stage.begin();
    let cols = columns(1);
    const need1 = rowWidth(cols, stage.metrics.font * 2.2);
    const scale = Math.max(limits.min, Math.min(limits.max, (avail / need1) * 0.97));
    const vertical = need1 * limits.min > avail;
    if (scale !== 1 || vertical) {
      stage.begin();
      cols = columns(vertical ? VERTICAL_SCALE : scale);
    }
    const foot = footer(vertical ? 1 : Math.min(scale, 1.25), avail);
    if (vertical) layoutVertical(cols, foot, margin);
    else layoutHorizontal(cols, foot, margin, scale);
    const root = stage.root.dataset;
    root.view = 'chain';
    root.layout = vertical ? 'vertical' : 'horizontal';
    root.boxes = String(layers.length);
    root.active = state.activeLayer === undefined ? '' : String(state.activeLayer);
    root.revealed = String(Boolean(state.revealed));
  }

  function layoutHorizontal(cols: Column[], foot: Label[], margin: number, scale: number): void {
    const vp = stage.viewport();
    const gapArrow = stage.metrics.font * 2.2 * scale;
    const colH = Math.max(...cols.map((c) => c.h));
    const footH = foot.reduce((s, l) => s + l.h + stage.metrics.gap, 0);
    const totalH = colH + footH;
    const width = rowWidth(cols, gapArrow);
    let x = Math.max(margin, (vp.w - width) / 2);
    const top = Math.max(margin, (vp.h - totalH) / 2);
    const boxH = boxHeight(cols, scale);
    const boxCy = top + boxH / 2;
    const rows = rowCentres(cols, boxCy + boxH / 2);
    const centers: Array<{ x: number; half: number }> = [];
    for (const c of cols) {
      drawColumn(c, x + c.w / 2, boxCy, scale, rows);
      centers.push({ x: x + c.w / 2, half: c.layer < 0 ? endRadius(c.main, stage.metrics) : boxW(c, scale) / 2 });
      x += c.w + gapArrow;
    }
    // Captions end left of the first box's column, whose answer and derivative labels may be wider than the box.
    const first = centers[1];
    const firstCol = cols[1];
    if (first && firstCol) captions(first.x - Math.max(first.half, firstCol.w / 2) - stage.metrics.gap * 0.5, rows, scale);
    for (let i = 0; i + 1 < centers.length; i++) {
      const a = centers[i];
      const b = centers[i + 1];
      if (!a || !b) continue;
      const gap = stage.metrics.gap * 0.3;
      arrow(stage.gfx, a.x + a.half + gap, boxCy, b.x - b.half - gap, boxCy, stage.metrics.stroke, COLORS.ink);
    }
    let y = top + colH + stage.metrics.gap;
    // A product wider than the panel (labels never shrink below the legible minimum) widens the drawing, which
    // the stage then scales down as a whole on a projector instead of cutting the product off.
    const footW = Math.max(0, ...foot.map((l) => l.w));
    const contentW = Math.max(vp.w, width + 2 * margin, footW + 2 * margin);
    for (const l of foot) {
      stage.place(l, contentW / 2, y + l.h / 2);
      y += l.h + stage.metrics.gap;
    }
    stage.setContentSize(contentW, y + margin);
  }

  function layoutVertical(cols: Column[], foot: Label[], margin: number): void {
    const vp = stage.viewport();
    const cx = vp.w / 2;
    const gapArrow = stage.metrics.font * 1.8;
    let y = margin;
    let prevBottom: number | null = null;
    for (const c of cols) {
      const bh = c.layer < 0 ? c.h : c.main.h + 2 * stage.metrics.pad * VERTICAL_SCALE;
      if (prevBottom !== null) {
        arrow(stage.gfx, cx, prevBottom + 4, cx, y - 4, stage.metrics.stroke, COLORS.ink);
      }
      drawColumn(c, cx, y + bh / 2, c.layer < 0 ? 1 : VERTICAL_SCALE);
      // The arrow to the next box starts below this box's answer and derivative labels, never through them.
      prevBottom = y + c.h;
      y += c.h + gapArrow;
    }
    y -= gapArrow - stage.metrics.gap;
    const contentW = Math.max(vp.w, ...foot.map((l) => l.w + 2 * margin));
    for (const l of foot) {
      stage.place(l, contentW / 2, y + l.h / 2);
      y += l.h + stage.metrics.gap;
    }
    stage.setContentSize(contentW, y + margin);
  }

  function boxW(c: Column, scale: number): number {
    return Math.max(c.main.w + 2 * stage.metrics.pad * scale, stage.metrics.font * scale * 3.2);
  }

  /** Row centres shared by all columns, so answers and derivatives line up across the chain. */
  function rowCentres(cols: Column[], boxBottom: number): Rows {
    const gap = stage.metrics.gap * 0.5;
    const markH = Math.max(0, ...cols.map((c) => c.mark?.h ?? 0));
    const derivH = Math.max(0, ...cols.map((c) => c.deriv?.h ?? 0));
    const rows: Rows = {};
    let y = boxBottom + gap;
    if (markH > 0) {
      rows.mark = y + markH / 2;
      y += markH + gap;
    }
    if (derivH > 0) rows.deriv = y + derivH / 2;
    return rows;
  }

  /** Row names at the left of the chain, where there is room: what the coloured lines under the boxes are. */
  function captions(right: number, rows: Rows, scale: number): void {
    const items: Array<[number | undefined, string]> = [[rows.mark, 'answers'], [rows.deriv, 'local derivative']];
    for (const [y, text] of items) {
      if (y === undefined) continue;
      const l = stage.label('', { text, scale: scale * 0.5, color: MUTED_TEXT, className: 'cra-caption' });
      if (right - l.w < 2) l.el.remove();
      else stage.place(l, right, y, 'right');
    }
  }

  function boxHeight(cols: Column[], scale: number): number {
    return Math.max(...cols.map((c) => c.main.h)) + 2 * stage.metrics.pad * scale;
  }

  /** Draws one column with its box centred at (cx, cy): end nodes as circles, layers as rounded boxes. */
  function drawColumn(c: Column, cx: number, cy: number, scale: number, rows?: Rows): void {
    const g = stage.gfx;
    const m = stage.metrics;
    stage.place(c.main, cx, cy);
    if (c.layer < 0) {
      g.lineStyle(m.stroke, COLORS.ink, 1);
      g.fillStyle(0xffffff, 1);
      g.fillCircle(cx, cy, endRadius(c.main, m));
      g.strokeCircle(cx, cy, endRadius(c.main, m));
      return;
    }
    const active = state.activeLayer === c.layer;
    const mark = state.layerMarks?.[c.layer];
    const w = boxW(c, scale);
    const h = c.main.h + 2 * m.pad * scale;
    const border = mark ? (mark.correct ? COLORS.correct : COLORS.wrong) : active ? COLORS.active : COLORS.box;
    g.fillStyle(active ? COLORS.activeFill : COLORS.boxFill, 1);
    g.fillRoundedRect(cx - w / 2, cy - h / 2, w, h, m.pad);
    g.lineStyle(active ? m.stroke * 2.2 : m.stroke, border, 1);
    g.strokeRoundedRect(cx - w / 2, cy - h / 2, w, h, m.pad);
    if (active) {
      // A second, dashed-looking outer ring: the active box differs by shape, not colour alone.
      g.lineStyle(m.stroke, border, 0.45);
      g.strokeRoundedRect(cx - w / 2 - m.stroke * 3, cy - h / 2 - m.stroke * 3, w + m.stroke * 6, h + m.stroke * 6, m.pad * 1.4);
    }
    if (rows) {
      if (c.mark && rows.mark !== undefined) stage.place(c.mark, cx, rows.mark);
      if (c.deriv && rows.deriv !== undefined) stage.place(c.deriv, cx, rows.deriv);
      return;
    }
    let y = cy + h / 2 + m.gap * 0.4;
    for (const b of belowLabels(c)) {
      stage.place(b, cx, y + b.h / 2);
      y += b.h + m.gap * 0.4;
    }
  }

  return {
    update(next: ViewState): void {
      state = next;
      draw();
    },
    redraw: draw,
    describe: () => describeChain(question, state),
  };
}

interface Rows {
  mark?: number;
  deriv?: number;
}

function belowLabels(c: Column): Label[] {
  return [c.mark, c.deriv].filter((l): l is Label => l !== undefined);
}

function rowWidth(cols: Column[], gapArrow: number): number {
  return cols.reduce((s, c) => s + c.w, 0) + gapArrow * Math.max(0, cols.length - 1);
}
