/**
 * Multivariable / partial: the dependency tree z → {x, y, w} → {t} or {u, v}, every path from z down to the
 * variable we differentiate by; at reveal each path lights up in its own colour and number, with its product
 * listed below and the sum assembled.
 */
import type { PublicQuestion, SubsTask } from '../../../shared/questions/types';
import type { ViewState } from './contract';
import { freeVars, latexOrText } from './math-render';
import { COLORS, PATH_COLORS, css } from './palette';
import { endRadius } from './shapes';
import type { Drawer, Label, Stage } from './stage';
import { describeTree } from './describe';

interface Node {
  id: string;
  label: Label;
  x: number;
  y: number;
  r: number;
}

const STEP_MS = 700;

export function createTreeView(stage: Stage, question: PublicQuestion): Drawer {
  const task = question.task as SubsTask;
  const mids = question.paths?.map((p) => p.via) ?? Object.keys(task.subs);
  const params = [...new Set(mids.flatMap((v) => freeVars(task.subs[v] ?? '')))];
  if (!params.includes(task.wrt)) params.push(task.wrt);
  const single = params.length === 1;
  let state: ViewState = {};
  let lit = 0;

  const d = (top: string, bottom: string, partial: boolean): string =>
    partial ? `\\frac{\\partial ${top}}{\\partial ${bottom}}` : `\\frac{d${top}}{d${bottom}}`;

  function row(ids: string[], y: number, width: number, scale: number): Node[] {
    return ids.map((id, i) => {
      const label = stage.label(latexOrText(id), { scale: scale * 1.1 });
      label.el.dataset.node = id;
      return { id, label, x: (width * (i + 0.5)) / ids.length, y, r: endRadius(label, stage.metrics) };
    });
  }

  function draw(): void {
    if (!stage.ready) return;
    stage.begin();
    const m = stage.metrics;
    const vp = stage.viewport();
    const maxW = vp.w - 2 * m.gap;
    const givens = [`z = ${latexOrText(task.expr)}`, ...mids.map((v) => `${v} = ${latexOrText(task.subs[v] ?? '')}`)];
    let y = m.gap;
    // On the projector the prompt above already shows the givens: the question is typeset once.
    if (stage.options.mode !== 'projector') {
      const head = stage.fitParts(givens, ',\\quad ', maxW, { scale: 0.85, className: 'cra-givens' });
      y += head.h / 2;
      stage.place(head, vp.w / 2, y);
      y += head.h / 2;
    }
    y += m.font * 1.6;
    const treeW = Math.min(vp.w, m.font * 8 * Math.max(mids.length, params.length, 2));
    const x0 = (vp.w - treeW) / 2;
    const rowGap = m.font * (stage.options.mode === 'phone' ? 3.6 : 4.4);
    const rows = [row(['z'], y, treeW, 1), row(mids, y + rowGap, treeW, 1), row(params, y + 2 * rowGap, treeW, 1)];
    for (const n of rows.flat()) n.x += x0;
    drawEdges(rows);
    for (const n of rows.flat()) drawNode(n);
    y += 2 * rowGap + m.font * 2;
    if (!state.noProduct) y = drawPathList(y, maxW);
    stage.setContentSize(vp.w, y + m.gap, { centreVertically: stage.options.mode === 'projector' });
    const ds = stage.root.dataset;
    ds.view = 'tree';
    ds.paths = String(mids.filter((v) => freeVars(task.subs[v] ?? '').includes(task.wrt)).length);
    ds.pathsLit = String(lit);
    ds.revealed = String(Boolean(state.revealed));
  }

  function drawEdges(rows: Node[][]): void {
    const g = stage.gfx;
    const m = stage.metrics;
    const [zRow, midRow, paramRow] = rows;
    const z = zRow?.[0];
    if (!z || !midRow || !paramRow) return;
    const paths = state.revealed?.paths ?? [];
    midRow.forEach((mid) => {
      const pi = paths.findIndex((p) => p.via === mid.id);
      const on = pi >= 0 && pi < lit && (state.activePath === undefined || state.activePath === pi);
      const color = on ? (PATH_COLORS[pi % PATH_COLORS.length] ?? COLORS.ink) : COLORS.ink;
      line(z, mid, on ? m.stroke * 2.2 : m.stroke, color, 1);
      for (const p of paramRow) {
        if (!freeVars(task.subs[mid.id] ?? '').includes(p.id)) continue;
        const toWrt = p.id === task.wrt;
        line(mid, p, on && toWrt ? m.stroke * 2.2 : m.stroke, on && toWrt ? color : COLORS.muted, toWrt ? 1 : 0.5);
      }
      if (on) badge(String(pi + 1), (z.x + mid.x) / 2, (z.y + mid.y) / 2, color);
    });
    g.lineStyle(m.stroke, COLORS.ink, 1);
  }

  function line(a: Node, b: Node, width: number, color: number, alpha: number): void {
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const ux = (b.x - a.x) / len;
    const uy = (b.y - a.y) / len;
    stage.gfx.lineStyle(width, color, alpha);
    stage.gfx.lineBetween(a.x + ux * a.r, a.y + uy * a.r, b.x - ux * b.r, b.y - uy * b.r);
  }

  function badge(text: string, x: number, y: number, color: number): void {
    const l = stage.label('', { text, scale: 0.6, color: '#ffffff', className: 'cra-path-badge' });
    const r = Math.max(l.w, l.h) / 2 + 3;
    stage.gfx.fillStyle(color, 1);
    stage.gfx.fillCircle(x, y, r);
    stage.place(l, x, y);
  }

  function drawNode(n: Node): void {
    const g = stage.gfx;
    const m = stage.metrics;
    const wrt = n.id === task.wrt;
    g.fillStyle(wrt ? COLORS.activeFill : 0xffffff, 1);
    g.fillCircle(n.x, n.y, n.r);
    g.lineStyle(m.stroke, wrt ? COLORS.active : COLORS.box, 1);
    g.strokeCircle(n.x, n.y, n.r);
    if (wrt) g.strokeCircle(n.x, n.y, n.r + m.stroke * 2.5);
    stage.place(n.label, n.x, n.y);
  }

  function drawPathList(top: number, maxW: number): number {
    const paths = state.revealed?.paths ?? [];
    const cx = stage.viewport().w / 2;
    let y = top;
    paths.slice(0, lit).forEach((p, i) => {
      const tex = `\\text{${i + 1}.}\\;\\; ${d('z', p.via, true)}\\,${d(p.via, task.wrt, !single)} = \\left(${latexOrText(p.outer)}\\right)\\left(${latexOrText(p.inner)}\\right)`;
      const color = css(PATH_COLORS[i % PATH_COLORS.length] ?? COLORS.ink);
      const l = stage.fitLabel(tex, maxW, { scale: 0.85, className: 'cra-path-term', background: '#ffffff' });
      l.el.style.borderLeft = `0.3em solid ${color}`;
      l.el.dataset.path = p.via;
      stage.place(l, cx, y + l.h / 2);
      y += l.h + stage.metrics.gap * 0.6;
    });
    if (paths.length > 0 && lit >= paths.length) {
      const terms = paths.map((p, i) => {
        const t = latexOrText(p.term);
        return i === 0 ? `${d('z', task.wrt, !single)} = ${t}` : t.startsWith('-') ? t : `+ ${t}`;
      });
      const l = stage.fitParts(terms, ' ', maxW, { className: 'cra-path-sum' });
      stage.place(l, cx, y + l.h / 2 + stage.metrics.gap * 0.4);
      y += l.h + stage.metrics.gap;
    }
    return y;
  }

  return {
    update(next: ViewState): void {
      const was = Boolean(state.revealed);
      state = next;
      const n = next.revealed?.paths?.length ?? 0;
      if (!next.revealed || was) {
        lit = next.revealed ? n : 0;
        draw();
        return;
      }
      lit = 0;
      draw();
      stage.animate(n, STEP_MS, (k) => {
        lit = k;
        draw();
      });
    },
    redraw: draw,
    describe: () => describeTree(question, state),
  };
}
