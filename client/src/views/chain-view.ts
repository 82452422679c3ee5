/**
 * Chain families (chain, nested, higher-order, activation): the composition drawn as boxes from x to y,
 * innermost on the left, the active layer highlighted, each answered box marked ✓ / ✗, and at reveal every box's
 * local derivative with the chain-rule product assembled at the end.
 */
import type { PublicQuestion } from '../../../shared/questions/types';
import type { ExprTask } from '../../../shared/questions/types';
import type { ViewState } from './contract';
import { latexOrText } from './math-render';
import { COLORS, css } from './palette';
import { arrow, endRadius, type Drawer, type Label, type Stage } from './stage';

interface Column {
  /** Layer index (0 = outermost), or -1 for the x / y end nodes. */
  layer: number;
  main: Label;
  below: Label[];
  w: number;
  h: number;
}

const MIN_SCALE = { projector: 0.55, phone: 0.8 } as const;

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
      return { layer: -1, main, below: [], w: 2 * r, h: 2 * r };
    };
    cols.push(end(variable));
    for (let li = layers.length - 1; li >= 0; li--) cols.push(boxColumn(li, scale));
    cols.push(end('y'));
    return cols;
  }

  function boxColumn(li: number, scale: number): Column {
    const layer = layers[li];
    const main = stage.label(latexOrText(layer?.fn ?? 'u'), {
      scale,
      aria: `layer ${layers.length - li} of ${layers.length}: ${layer?.fn ?? ''}`,
      className: `cra-box${state.activeLayer === li ? ' cra-box--active' : ''}`,
    });
    main.el.dataset.layer = String(li);
    if (state.activeLayer === li) main.el.setAttribute('aria-current', 'step');
    const below: Label[] = [];
    const mark = state.layerMarks?.[li];
    if (mark) {
      const sign = mark.correct ? '✓' : '✗';
      const m = stage.label(`${latexOrText(mark.expr)}\\;\\text{${sign}}`, {
        scale: scale * 0.85,
        color: css(mark.correct ? COLORS.correct : COLORS.wrong),
        aria: `your answer ${mark.expr}: ${mark.correct ? 'correct' : 'wrong'}`,
        className: `cra-mark cra-mark--${mark.correct ? 'correct' : 'wrong'}`,
      });
      m.el.dataset.mark = sign;
      below.push(m);
    }
    const rev = state.revealed?.layers?.[li];
    if (rev) {
      const r = stage.label(rev.latex?.derivative ?? latexOrText(rev.derivative), {
        scale: scale * 0.85,
        aria: `local derivative ${rev.derivative}`,
        className: 'cra-derivative',
      });
      below.push(r);
    }
    const pad = stage.metrics.pad * scale;
    const w = Math.max(main.w + 2 * pad, ...below.map((b) => b.w), stage.metrics.font * scale * 3);
    const h = main.h + 2 * pad + below.reduce((s, b) => s + b.h + stage.metrics.gap * 0.4, 0);
    return { layer: li, main, below, w, h };
  }

  function footer(scale: number, maxW: number): Label[] {
    const q = state.revealed;
    if (!q?.layers) return [];
    const factors = q.layers.map((l) => `\\left(${l.latex?.evaluated ?? latexOrText(l.evaluated)}\\right)`);
    const d = `\\frac{dy}{d${variable}}`;
    const lines = [`${d} = ${factors.join('\\cdot ')}`];
    if (task.order === 2 && q.answer.expr) lines.push(`\\frac{d^2y}{d${variable}^2} = ${latexOrText(q.answer.expr)}`);
    return lines.map((tex) => stage.fitLabel(tex, maxW, { scale, className: 'cra-product' }));
  }

  function draw(): void {
    if (!stage.ready) return;
    const vp = stage.viewport();
    const margin = stage.metrics.gap * 1.5;
    const avail = vp.w - 2 * margin;
    let scale = 1;
    stage.begin();
    let cols = columns(scale);
    let need = rowWidth(cols, stage.metrics.font * 2.2);
    if (need > avail) {
      scale = Math.max(MIN_SCALE[stage.options.mode], avail / need);
      stage.begin();
      cols = columns(scale);
      need = rowWidth(cols, stage.metrics.font * 2.2 * scale);
    }
    const vertical = need > avail;
    const foot = footer(vertical ? 1 : scale, avail);
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
    const boxCy = top + boxHeight(cols, scale) / 2;
    const centers: Array<{ x: number; half: number }> = [];
    for (const c of cols) {
      drawColumn(c, x + c.w / 2, boxCy, scale);
      centers.push({ x: x + c.w / 2, half: c.layer < 0 ? endRadius(c.main, stage.metrics) : boxW(c, scale) / 2 });
      x += c.w + gapArrow;
    }
    for (let i = 0; i + 1 < centers.length; i++) {
      const a = centers[i];
      const b = centers[i + 1];
      if (!a || !b) continue;
      const gap = stage.metrics.gap * 0.3;
      arrow(stage.gfx, a.x + a.half + gap, boxCy, b.x - b.half - gap, boxCy, stage.metrics.stroke, COLORS.ink);
    }
    let y = top + colH + stage.metrics.gap;
    for (const l of foot) {
      stage.place(l, vp.w / 2, y + l.h / 2);
      y += l.h + stage.metrics.gap;
    }
    stage.setContentSize(Math.max(vp.w, width + 2 * margin), y + margin);
  }

  function layoutVertical(cols: Column[], foot: Label[], margin: number): void {
    const vp = stage.viewport();
    const cx = vp.w / 2;
    const gapArrow = stage.metrics.font * 1.8;
    let y = margin;
    let prevBottom: number | null = null;
    for (const c of cols) {
      const bh = c.layer < 0 ? c.h : c.main.h + 2 * stage.metrics.pad * MIN_SCALE.phone;
      if (prevBottom !== null) {
        arrow(stage.gfx, cx, prevBottom + 4, cx, y - 4, stage.metrics.stroke, COLORS.ink);
      }
      drawColumn(c, cx, y + bh / 2, c.layer < 0 ? 1 : MIN_SCALE.phone);
      prevBottom = y + bh;
      y += c.h + gapArrow;
    }
    y -= gapArrow - stage.metrics.gap;
    for (const l of foot) {
      stage.place(l, cx, y + l.h / 2);
      y += l.h + stage.metrics.gap;
    }
    stage.setContentSize(vp.w, y + margin);
  }

  function boxW(c: Column, scale: number): number {
    return c.main.w + 2 * stage.metrics.pad * scale;
  }

  function boxHeight(cols: Column[], scale: number): number {
    return Math.max(...cols.map((c) => c.main.h)) + 2 * stage.metrics.pad * scale;
  }

  /** Draws one column with its box centred at (cx, cy): end nodes as circles, layers as rounded boxes. */
  function drawColumn(c: Column, cx: number, cy: number, scale: number): void {
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
    let y = cy + h / 2 + m.gap * 0.4;
    for (const b of c.below) {
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
  };
}

function rowWidth(cols: Column[], gapArrow: number): number {
  return cols.reduce((s, c) => s + c.w, 0) + gapArrow * Math.max(0, cols.length - 1);
}
