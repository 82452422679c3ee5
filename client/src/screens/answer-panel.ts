/**
 * The one answer panel of every screen where a player answers: the phone (player/player-question.ts), the party
 * page (party/party-question.ts) and solo (solo/solo-play.ts). It is the boxes, keypad and live preview
 * (input/answer-form.ts), the Submit button and what a press does. In a room (`liveAnswerPanel`) the answer goes
 * through the seat's `submit` (keyed, resent while its outcome is unknown: app/seat-session.ts), a refusal is
 * shown under the boxes and the form opens again unless the refusal is final, and what is typed follows the
 * draft rule the server keeps drafts by (answer-drafts.ts). Solo (`localAnswerPanel`) checks on the page and
 * keeps no drafts.
 */
import type { AnswerState, PlayerPhaseView, SubmitAnswer, YouView } from '../../../shared/protocol';
import type { AnswerInput, LayerInputs } from '../../../shared/check/types';
import type { PublicQuestion } from '../../../shared/questions/types';
import { h } from '../app/dom';
import { createAnswerForm, type AnswerForm } from '../input/answer-form';
import { errorMessage, type Connection, type Result } from '../net/connection';
import { createDraftSender, type DraftSender } from './answer-drafts';

export interface PanelOptions {
  /** The button's words ("Submit answer" in a room, "Check" in solo). */
  label: string;
  /** One box per layer before the product (the room's box-by-box mode). */
  layerByLayer: boolean;
  /** The box being typed in is this layer's (undefined: the product): the drawing highlights it. */
  onActiveLayer?: (layer: number | undefined) => void;
  /** Any edit (a screen folds its diagram away). */
  onChange?: () => void;
}

export interface AnswerPanel {
  readonly form: AnswerForm;
  /** What the screen places, in order: the boxes, the line that says why an answer was refused, the dock. */
  readonly parts: HTMLElement[];
}

/** The panel and the press: `press` runs when Submit is pressed (or Enter in the last box) with a readable answer. */
function panel(q: PublicQuestion, opts: PanelOptions & { persistKey?: string }, press: (read: { answer: AnswerInput; layers?: LayerInputs }) => void, status: HTMLElement | null): AnswerPanel {
  const submit = h('button', { type: 'button', class: 'primary', id: 'submit-answer' }, opts.label);
  const form = createAnswerForm(q, {
    layerByLayer: opts.layerByLayer, submit,
    ...(opts.persistKey !== undefined ? { persistKey: opts.persistKey } : {}),
    ...(opts.onActiveLayer ? { onActiveLayer: opts.onActiveLayer } : {}),
    onSubmit: () => submit.click(),
    onChange: () => opts.onChange?.(),
  });
  submit.addEventListener('click', () => {
    const ready = form.readiness();
    if (!ready.ok) {
      if (status) status.textContent = ready.reason;
      return;
    }
    press(form.read());
  });
  return { form, parts: [form.el, ...(status ? [status] : []), form.dock] };
}

/** Solo: Check reads the answer and hands it to `check` (the page's own checker); nothing leaves the page. */
export function localAnswerPanel(q: PublicQuestion, opts: PanelOptions, check: (answer: AnswerInput) => void): AnswerPanel {
  const p = panel(q, opts, ({ answer }) => {
    p.form.setDisabled(true);
    check(answer);
  }, null);
  return p;
}

/** What a live panel needs of the seat (PlayerContext and PartyContext both are this). */
export interface AnsweringSeat {
  readonly conn: Connection;
  readonly code: string;
  readonly state: PlayerPhaseView;
  readonly you: YouView;
  submit(payload: SubmitAnswer): Promise<Result<AnswerState>>;
}

export interface LiveAnswerPanel extends AnswerPanel {
  readonly drafts: DraftSender;
  /** True once the answer is on its way or taken (or the verdict is shown): no draft goes out then. */
  sent(): boolean;
  /** The layers as last sent (null: left empty), to mark the player's own boxes in the drawing. */
  sentLayers(): Array<string | null>;
  /** Milliseconds left on this player's own clock for the panel's question; null when it is not running. */
  remainingMs(): number | null;
  /** Clears the refusal line if it says `error` (the clock runs again: "paused" no longer holds). */
  clearRefusal(error: 'paused'): void;
  /** The verdict is on screen: nothing more is sent. */
  done(): void;
  destroy(): void;
}

/**
 * In a room, for the open question `seat.state` shows when called. `answered`: the answer was taken (or had
 * been already): the screen draws the verdict from `seat.you`.
 */
export function liveAnswerPanel(seat: AnsweringSeat, opts: PanelOptions, answered: () => void): LiveAnswerPanel {
  const s = seat.state;
  if (s.phase !== 'question') throw new Error('liveAnswerPanel outside the question phase');
  const status = h('p', { class: 'error-text', role: 'alert', id: 'answer-error' });
  let sent = false;
  let sentLayers: Array<string | null> = [];
  const remainingMs = (): number | null => {
    const now = seat.state;
    if (now.phase !== 'question' || now.index !== s.index) return null;
    return now.timer.running ? now.timer.deadline + (seat.you.extraMs ?? 0) - seat.conn.serverNow() : null;
  };
  // What was typed survives a reload during the question (one key per room, question and item).
  const persistKey = `arena-typed:${seat.code}:${s.index}:${s.question.id}`;
  const p = panel(s.question, { ...opts, persistKey, onChange: () => {
    opts.onChange?.();
    drafts.changed();
  } }, ({ answer, layers }) => {
    sentLayers = (layers ?? []).map((l) => l ?? null);
    const parts = layers ? layers.flatMap((input, layer) => (input ? [{ layer, input }] : [])) : [];
    sent = true;
    p.form.setDisabled(true);
    status.textContent = '';
    void seat.submit({ index: s.index, final: answer, ...(parts.length > 0 ? { layers: parts } : {}) }).then((res) => {
      if (res.ok || res.error === 'already-answered') return answered();
      status.textContent = res.error === 'unreadable-answer' && res.detail ? `${res.detail} Your attempt was not used.` : errorMessage(res.error);
      // Too late or another question: final. Anything else (offline, paused, rate-limited): the form opens again.
      if (res.error !== 'too-late' && res.error !== 'wrong-question') {
        sent = false;
        p.form.setDisabled(false);
      }
    });
  }, status);
  const drafts = createDraftSender(seat.conn, s.index, p.form, { remainingMs, sent: () => sent });
  return {
    ...p, drafts, remainingMs,
    sent: () => sent,
    sentLayers: () => sentLayers,
    clearRefusal: (error) => {
      if (status.textContent === errorMessage(error)) status.textContent = '';
    },
    done: () => {
      sent = true;
      drafts.stop();
    },
    destroy: () => drafts.stop(),
  };
}
