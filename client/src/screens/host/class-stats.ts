/**
 * What the class did on one question, as bars that tell the story: right, wrong, did not answer; each layer
 * named by its function, in the diagram's order (innermost first, as the boxes read from x to y); then the
 * named mistakes ("4 forgot the inner derivative").
 */
import type { RevealStats } from '../../../../shared/protocol';
import type { Question } from '../../../../shared/questions/types';
import { h } from '../../app/dom';
import { loadMath } from '../../app/math';
import { mistakeName } from '../../app/mistakes';
import { boxFunction } from '../../../../shared/questions/calculus/box-function';
import { layerName } from '../../../../shared/questions/layer-label';

/** The chain variable of a question (x unless its task names another). */
function variableOf(q: Question): string {
  const v = (q.task as { var?: unknown }).var;
  return typeof v === 'string' && v !== '' ? v : 'x';
}

/** The results block of the reveal's first slide. */
/** `variantGame`: each player had their own variant of `q`, so "right" means right on their own numbers. */
export function classStats(s: RevealStats, q: Question, variantGame = false): HTMLElement {
  const total = Math.max(1, s.players);
  const bar = (label: Node | string, count: number, cls: string, attrs: Record<string, string> = {}, of?: number): HTMLElement =>
    h('div', { class: `stat-bar ${cls}`, ...attrs },
      h('span', { class: 'what' }, label),
      h('div', { class: `bar ${cls}`, style: `width:${Math.round((count / Math.max(1, of ?? total)) * 100)}%`, 'aria-hidden': 'true' }),
      h('strong', {}, of === undefined ? String(count) : `${count}/${of}`));
  const wrong = Math.max(0, s.answered - s.correct);
  const silent = Math.max(0, s.players - s.answered);
  const layers = q.layers ?? [];
  // layerCorrect runs outermost first; the diagram reads from the innermost box.
  // Each box's bar is out of the students who filled that box: an empty box is "product only", not wrong.
  // A box nobody filled has no bar at all (not "0/0"): a class that answered only the product sees no box rows.
  const layerBars = s.layerCorrect.map((n, i) => ({ n, i, of: s.layerFilled?.[i] ?? total })).reverse().filter(({ of }) => of > 0).map(({ n, i, of }) => {
    const label = h('span', {}, `${layerName(i, layers.length)}: `);
    // Each box in its own input, as the diagram writes it: the innermost reads 4x³, not 4u³.
    const layer = layers[i];
    const fn = layer ? boxFunction(layer, variableOf(q)) : null;
    const mathEl = h('span', {}, fn?.text ?? '');
    if (fn) void loadMath().then((m) => m.renderLatex(mathEl, fn.latex, { display: false }));
    label.append(mathEl);
    return bar(label, n, 'layer', { 'data-layer': String(i), 'data-filled': String(of) }, of);
  });
  const mistakes = s.mistakes.filter((m) => m.count > 0);
  return h('div', { class: 'stats', id: 'class-stats' },
    h('p', { class: 'stats-head' }, `${s.correct} of ${s.players} got ${variantGame ? 'their variant' : 'it'} right`),
    bar('✓ Right', s.correct, 'right', { 'data-bar': 'right' }),
    bar('✗ Wrong', wrong, '', { 'data-bar': 'wrong' }),
    // Drafts taken at time-up are answers (as in the report); say how many, so a teacher knows who never sent.
    (s.drafts ?? 0) > 0 ? h('p', { class: 'stats-note', 'data-drafts': String(s.drafts) }, `${s.drafts} of these answers were unsent drafts taken at time-up`) : null,
    bar('– Did not answer', silent, 'none', { 'data-bar': 'silent' }),
    layerBars.length > 0 ? h('div', { class: `layer-bars${layerBars.length > 2 ? ' two' : ''}` }, layerBars) : null,
    mistakes.map((m) => bar(`✗ ${m.mistake === null ? 'other mistakes' : mistakeName(m.mistake)}`, m.count, '',
      { 'data-mistake': m.mistake ?? 'other', title: mistakeName(m.mistake) })));
}
