/**
 * The host's time accommodations (docs/accessibility.md#extra-time): a folded "Extra time" panel in the control
 * bar of the lobby and the open question, listing every student with a choice of ×1.5, ×2 or +N s. Folded, the
 * class sees only the word; the list is redrawn only when the players or their accommodations change, so an
 * open choice is never closed under the teacher's hand.
 */
import { h, replace } from '../../app/dom';
import { choiceOf, EXTRA_CHOICES, extraLabel } from '../../app/extra-time';
import type { HostContext } from './host-context';
import { keyCap } from './step-keys';

export interface ExtraTimePanel {
  el: HTMLElement;
  paint(): void;
  /** Opens or closes the panel (the X key), focusing its first choice when it opens. */
  toggle(): void;
}

export function extraTimePanel(ctx: HostContext): ExtraTimePanel {
  const list = h('ul', { class: 'extra-time-list', id: 'extra-time-list' });
  const count = h('span', { class: 'extra-count' });
  const el = h('details', { class: 'extra-time', id: 'extra-time-panel' },
    h('summary', { 'aria-keyshortcuts': 'X' }, 'Extra time', count, keyCap('X')), list);
  let drawn = '';
  const paint = (): void => {
    const players = ctx.view.players;
    const key = JSON.stringify(players.map((p) => [p.playerId, p.nickname, p.extraTime ?? null]));
    if (key === drawn) return;
    drawn = key;
    const given = players.filter((p) => p.extraTime).length;
    count.textContent = given > 0 ? ` (${given})` : '';
    replace(list, players.length === 0 ? h('li', { class: 'muted' }, 'No students yet.') : players.map((p) => {
      const select = h('select', { 'aria-label': `Extra time for ${p.nickname}`, 'data-extra-for': p.playerId },
        EXTRA_CHOICES.map((c, i) => h('option', { value: String(i), selected: i === choiceOf(p.extraTime) }, c.label)));
      select.addEventListener('change', () => {
        const choice = EXTRA_CHOICES[Number(select.value)];
        if (choice) void ctx.command({ type: 'extra-time', playerId: p.playerId, extra: choice.extra });
      });
      return h('li', { 'data-player': p.playerId }, h('span', { class: 'who' }, p.nickname, p.extraTime ? h('span', { class: 'pill' }, extraLabel(p.extraTime)) : null), select);
    }));
  };
  paint();
  return {
    el,
    paint,
    toggle() {
      el.open = !el.open;
      if (el.open) list.querySelector('select')?.focus();
    },
  };
}
