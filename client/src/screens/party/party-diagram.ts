/**
 * The question's drawing on a party page: the projector's views on a laptop, the phone's below NARROW_PX. The
 * views lay out once for their mode, so a window dragged across that width gets the drawing mounted again in
 * the other mode (with the state it last showed); any other size change is a resize.
 */
import type { PublicQuestion } from '../../../../shared/questions/types';
import { prefersReducedMotion } from '../../app/dom';
import { mountView } from '../../app/math';
import type { QuestionView, ViewState } from '../../views/contract';
import { observeViewSize } from '../host/view-size';

/** Below this width the page is a phone: one column, the phone's drawing mode. */
export const NARROW_PX = 760;

export interface PartyDiagram {
  update(state: ViewState): void;
  destroy(): void;
}

export function partyDiagram(host: HTMLElement, question: PublicQuestion, initial: ViewState = {}): PartyDiagram {
  const narrow = window.matchMedia(`(max-width: ${NARROW_PX - 1}px)`);
  let state = initial;
  let view: QuestionView | null = null;
  let generation = 0;
  const mount = (): void => {
    const mine = ++generation;
    view?.destroy();
    view = null;
    host.replaceChildren();
    void mountView(host, question, { mode: narrow.matches ? 'phone' : 'projector', reducedMotion: prefersReducedMotion() }).then((v) => {
      if (mine !== generation) return v?.destroy();
      view = v;
      host.hidden = v === null;
      v?.resize();
      v?.update(state);
    });
  };
  narrow.addEventListener('change', mount);
  const stopObserve = observeViewSize(host, () => view?.resize());
  mount();
  return {
    update(next) {
      state = next;
      view?.update(next);
    },
    destroy() {
      generation++;
      narrow.removeEventListener('change', mount);
      stopObserve();
      view?.destroy();
      view = null;
    },
  };
}

/**
 * Where the drawing goes on the page: on a laptop the view host itself, beside the question; on a phone a fold
 * ("The diagram"), closed, that mounts the drawing when first opened. A phone's drawing is a tall box that would
 * push the answer, the verdict and Ready below the fold; the question says what the drawing shows.
 */
export function diagramSlot(viewHost: HTMLElement, question: PublicQuestion, initial: ViewState = {}): { el: HTMLElement; diagram: PartyDiagram } {
  if (!window.matchMedia(`(max-width: ${NARROW_PX - 1}px)`).matches) return { el: viewHost, diagram: partyDiagram(viewHost, question, initial) };
  const fold = document.createElement('details');
  fold.className = 'diagram-fold';
  fold.id = 'diagram-fold';
  const summary = document.createElement('summary');
  summary.textContent = 'The diagram';
  fold.append(summary, viewHost);
  let state = initial;
  let inner: PartyDiagram | null = null;
  fold.addEventListener('toggle', () => {
    if (fold.open && !inner) inner = partyDiagram(viewHost, question, state);
  });
  return {
    el: fold,
    diagram: {
      update(next) {
        state = next;
        inner?.update(next);
      },
      destroy() {
        inner?.destroy();
      },
    },
  };
}
