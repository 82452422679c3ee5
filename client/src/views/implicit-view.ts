/**
 * Implicit / implicit2: the curve F(x, y) = G(x, y) plotted over a window that shows it, the point in question,
 * and at reveal the tangent line there with its slope and the answer.
 */
import type { ImplicitTask, PublicQuestion } from '../../../shared/questions/types';
import type { ViewState } from './contract';
import { formatNumber, latexOrText } from './math-render';
import { COLORS, MUTED_TEXT } from './palette';
import type { Drawer, Stage } from './stage';
import { describeImplicit } from './describe';
import {
  chooseWindow,
  clipLine,
  compileImplicit,
  contourSegments,
  numericSlope,
  samplePoint,
  type Segment,
  type Window2,
} from './implicit-curve';

export function createImplicitView(stage: Stage, question: PublicQuestion): Drawer {
  const task = question.task as ImplicitTask;
  const f = compileImplicit(task.equation);
  const win: Window2 = f ? chooseWindow(f, task.at) : { x0: -5, x1: 5, y0: -5, y1: 5 };
  const segs: Segment[] = f ? contourSegments(f, win, stage.options.mode === 'phone' ? 110 : 160) : [];
  const point = task.at ?? (f ? samplePoint(f, segs, win) : null);
  let state: ViewState = {};

  /** The slope to draw: the exact value when the answer is dy/dx at the point, else −F_x/F_y numerically. */
  function slope(): number {
    const a = state.revealed?.answer;
    if (task.order === 1 && task.at && typeof a?.value === 'number') return a.value;
    return f && point ? numericSlope(f, point.x, point.y) : NaN;
  }

  function draw(): void {
    if (!stage.ready) return;
    stage.begin();
    const m = stage.metrics;
    const vp = stage.viewport();
    // The equation is the question's own prompt, typeset once above the view on every screen: not repeated here.
    const top = m.gap;
    const footH = state.revealed ? m.font * 3 : m.font * 1.5;
    const side = Math.max(240, Math.min(vp.w - 2 * m.gap, vp.h - top - footH - m.gap));
    const left = (vp.w - side) / 2;
    const sx = (x: number): number => left + ((x - win.x0) / (win.x1 - win.x0)) * side;
    const sy = (y: number): number => top + side - ((y - win.y0) / (win.y1 - win.y0)) * side;
    drawAxes(sx, sy, side, left, top);
    const g = stage.gfx;
    g.lineStyle(m.stroke, COLORS.curve, 1);
    for (const s of segs) g.lineBetween(sx(s[0]), sy(s[1]), sx(s[2]), sy(s[3]));
    const y = top + side + m.gap;
    const k = slope();
    const ds = stage.root.dataset;
    ds.view = 'implicit';
    ds.curveSegments = String(segs.length);
    ds.revealed = String(Boolean(state.revealed));
    ds.tangent = 'none';
    if (state.revealed && point && Number.isFinite(k)) {
      const line = clipLine(point.x, point.y, k, win);
      if (line) {
        g.lineStyle(m.stroke * 1.3, COLORS.tangent, 1);
        g.lineBetween(sx(line[0]), sy(line[1]), sx(line[2]), sy(line[3]));
        ds.tangent = 'drawn';
        ds.tangentSlope = String(k);
      }
    }
    if (point) drawPoint(point, sx, sy);
    if (state.revealed) drawAnswer(k, y, vp.w);
    stage.setContentSize(vp.w, top + side + footH + m.gap * 2);
  }

  function drawPoint(p: { x: number; y: number }, sx: (x: number) => number, sy: (y: number) => number): void {
    const g = stage.gfx;
    const m = stage.metrics;
    g.fillStyle(COLORS.ink, 1);
    g.fillCircle(sx(p.x), sy(p.y), m.stroke * 2.2);
    g.fillStyle(0xffffff, 1);
    g.fillCircle(sx(p.x), sy(p.y), m.stroke * 1.1);
    const l = stage.label(`(${formatNumber(p.x)},\\ ${formatNumber(p.y)})`, { scale: 0.75, background: 'rgba(255,255,255,0.85)' });
    l.el.className += ' cra-point';
    stage.place(l, sx(p.x) + m.gap * 0.6, sy(p.y) - l.h * 0.7, 'left');
    stage.root.dataset.point = `${p.x},${p.y}`;
  }

  function drawAnswer(k: number, y: number, width: number): void {
    const q = state.revealed;
    if (!q) return;
    const d = task.order === 2 ? '\\frac{d^2y}{dx^2}' : '\\frac{dy}{dx}';
    // The one printer's LaTeX (xy, not x·y), as in the worked steps.
    const ans = q.answer.expr !== undefined ? latexOrText(q.answer.expr) : typeof q.answer.value === 'number' ? formatNumber(q.answer.value) : '';
    const parts = [`${d} = ${ans}`];
    if (Number.isFinite(k) && (task.order === 2 || q.answer.expr !== undefined)) parts.push(`\\text{tangent slope } {${formatNumber(k)}}`);
    const l = stage.fitLabel(parts.join(',\\qquad '), width - 2 * stage.metrics.gap, { className: 'cra-answer' });
    stage.place(l, width / 2, y + l.h / 2);
  }

  function drawAxes(sx: (x: number) => number, sy: (y: number) => number, side: number, left: number, top: number): void {
    const g = stage.gfx;
    const m = stage.metrics;
    const step = niceStep((win.x1 - win.x0) / 8);
    g.fillStyle(0xffffff, 1);
    g.fillRect(left, top, side, side);
    g.lineStyle(1, COLORS.grid, 1);
    for (let v = Math.ceil(win.x0 / step) * step; v <= win.x1 + 1e-9; v += step) {
      g.lineBetween(sx(v), top, sx(v), top + side);
      g.lineBetween(left, sy(v), left + side, sy(v));
      if (Math.abs(v) > 1e-9 && Math.abs(Math.round(v / step)) % 2 === 0) {
        const t = stage.label('', { text: String(Number(v.toPrecision(3))), scale: 0.5, color: MUTED_TEXT });
        stage.place(t, sx(v), sy(0) + t.h * 0.7);
        const u = stage.label('', { text: String(Number(v.toPrecision(3))), scale: 0.5, color: MUTED_TEXT });
        stage.place(u, sx(0) - 4, sy(v), 'right');
      }
    }
    g.lineStyle(Math.max(1.5, m.stroke * 0.5), COLORS.muted, 1);
    g.lineBetween(left, sy(0), left + side, sy(0));
    g.lineBetween(sx(0), top, sx(0), top + side);
    g.strokeRect(left, top, side, side);
  }

  return {
    update(next: ViewState): void {
      state = next;
      draw();
    },
    redraw: draw,
    describe: () => describeImplicit(question, state, point, state.revealed ? slope() : NaN),
  };
}

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  const r = raw / p;
  return (r < 1.5 ? 1 : r < 3.5 ? 2 : r < 7.5 ? 5 : 10) * p;
}
