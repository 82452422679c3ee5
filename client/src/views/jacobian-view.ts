/**
 * Jacobian: J of f∘g drawn as the product of two matrix blocks with their shapes, J_f(g(x)) · J_g(x) = J,
 * so the order and the inner dimension are visible; at reveal the answer matrix is shown.
 */
import type { JacobianTask, PublicQuestion } from '../../../shared/questions/types';
import type { ViewState } from './contract';
import { formatNumber, latexOrText } from './math-render';
import { COLORS, OKABE_ITO, MUTED_TEXT } from './palette';
import type { Drawer, Stage } from './stage';
import { describeJacobian } from './describe';

interface Block {
  name: string;
  rows: number;
  cols: number;
  color: number;
}

export function createJacobianView(stage: Stage, question: PublicQuestion): Drawer {
  const t = question.task as JacobianTask;
  const m = t.outer.length;
  const k = t.outerVars.length;
  const n = t.innerVars.length;
  const blocks: Block[] = [
    { name: 'J_f\\big(g(x)\\big)', rows: m, cols: k, color: OKABE_ITO.blue },
    { name: 'J_g(x)', rows: t.inner.length, cols: n, color: OKABE_ITO.orange },
    { name: 'J_{f\\circ g}(x)', rows: m, cols: n, color: OKABE_ITO.green },
  ];
  let state: ViewState = {};

  const vec = (vars: string[]): string => vars.join(',');
  const fn = (exprs: string[]): string => `\\begin{pmatrix}${exprs.map(latexOrText).join(' \\\\ ')}\\end{pmatrix}`;

  function draw(): void {
    if (!stage.ready) return;
    stage.begin();
    const mm = stage.metrics;
    const vp = stage.viewport();
    const maxW = vp.w - 2 * mm.gap;
    const defs = `f(${vec(t.outerVars)}) = ${fn(t.outer)},\\quad g(${vec(t.innerVars)}) = ${fn(t.inner)}`;
    let y = mm.gap * 1.5;
    // On the projector the prompt above already defines f and g: the question is typeset once.
    if (stage.options.mode !== 'projector') {
      const head = stage.fitLabel(defs, maxW, { scale: 0.85, className: 'cra-defs' });
      stage.place(head, vp.w / 2, mm.gap + head.h / 2);
      y = mm.gap * 2.5 + head.h;
    }
    const maxDim = Math.max(m, k, n, 1);
    const cell = Math.min(mm.font * 1.6, (maxW - mm.font * 6) / (3 * maxDim + 1));
    const names = blocks.map((b) => stage.label(b.name, { scale: 0.8, className: 'cra-block-name' }));
    const nameH = Math.max(...names.map((l) => l.h));
    const ops = ['\\cdot', '='].map((s) => stage.label(s, { scale: 1.2 }));
    const widths = blocks.map((b, i) => Math.max(b.cols * cell, names[i]?.w ?? 0));
    const opW = mm.font * 2;
    const total = widths.reduce((s, w) => s + w, 0) + 2 * opW;
    let x = (vp.w - total) / 2;
    const blockTop = y + nameH + mm.gap * 0.5;
    const maxH = Math.max(...blocks.map((b) => b.rows)) * cell;
    blocks.forEach((b, i) => {
      const w = widths[i] ?? 0;
      const bx = x + (w - b.cols * cell) / 2;
      const by = blockTop + (maxH - b.rows * cell) / 2;
      drawBlock(b, bx, by, cell);
      const nl = names[i];
      if (nl) stage.place(nl, x + w / 2, y + nameH / 2);
      const shape = stage.label(`${b.rows}\\times${b.cols}`, { scale: 0.7, color: MUTED_TEXT, className: 'cra-shape' });
      shape.el.dataset.shape = `${b.rows}x${b.cols}`;
      stage.place(shape, x + w / 2, blockTop + maxH + mm.gap * 0.4 + shape.h / 2);
      x += w;
      const op = ops[i];
      if (op) stage.place(op, x + opW / 2, blockTop + maxH / 2);
      x += opW;
    });
    y = blockTop + maxH + mm.font * 2.4;
    if (!state.noProduct) y = drawAnswer(y, maxW, vp.w);
    stage.setContentSize(vp.w, y + mm.gap, { centreVertically: stage.options.mode === 'projector' });
    const ds = stage.root.dataset;
    ds.view = 'jacobian';
    ds.shapes = blocks.map((b) => `${b.rows}x${b.cols}`).join(',');
    ds.revealed = String(Boolean(state.revealed));
  }

  function drawBlock(b: Block, x: number, y: number, cell: number): void {
    const g = stage.gfx;
    const s = stage.metrics.stroke;
    g.fillStyle(b.color, 0.12);
    g.fillRect(x, y, b.cols * cell, b.rows * cell);
    g.lineStyle(1, b.color, 0.6);
    for (let r = 1; r < b.rows; r++) g.lineBetween(x, y + r * cell, x + b.cols * cell, y + r * cell);
    for (let c = 1; c < b.cols; c++) g.lineBetween(x + c * cell, y, x + c * cell, y + b.rows * cell);
    g.lineStyle(s, b.color, 1);
    g.strokeRect(x, y, b.cols * cell, b.rows * cell);
  }

  function drawAnswer(y: number, maxW: number, width: number): number {
    const mat = state.revealed?.answer.matrix;
    const at = t.at ? `\\Big|_{${Object.entries(t.at).map(([v, val]) => `${v}=${formatNumber(val)}`).join(',')}}` : '';
    const lead = `J_{f\\circ g}(x) = J_f\\big(g(x)\\big)\\,J_g(x)${at}`;
    if (!mat) {
      const l = stage.fitLabel(lead, maxW, { scale: 0.85, color: '#1f2328' });
      stage.place(l, width / 2, y + l.h / 2);
      return y + l.h;
    }
    const tex = (e: string | number): string => (typeof e === 'number' ? formatNumber(e) : latexOrText(e));
    const body = mat.map((r) => r.map(tex).join(' & ')).join(' \\\\ ');
    let l = stage.label(`${lead} = \\begin{bmatrix}${body}\\end{bmatrix}`, { className: 'cra-answer' });
    if (l.w > maxW / 0.8) {
      // Too wide to read as one matrix (a phone): list the entries, packed into lines.
      l.el.remove();
      const entries = mat.flatMap((r, i) => r.map((e, j) => `J_{${i + 1}${j + 1}} = ${tex(e)}`));
      l = stage.fitParts(entries, ',\\quad ', maxW, { scale: 0.9, className: 'cra-answer' });
    } else if (l.w > maxW) {
      l.el.remove();
      l = stage.fitLabel(`${lead} = \\begin{bmatrix}${body}\\end{bmatrix}`, maxW, { className: 'cra-answer' });
    }
    stage.place(l, width / 2, y + l.h / 2);
    stage.gfx.lineStyle(1, COLORS.grid, 1);
    return y + l.h;
  }

  return {
    update(next: ViewState): void {
      state = next;
      draw();
    },
    redraw: draw,
    describe: () => describeJacobian(question, state),
  };
}
