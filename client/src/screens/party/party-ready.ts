/**
 * The Ready signal that replaces the big screen: press Ready (or R) when done with the reveal; the line says who
 * the group waits for and how the game moves on (by itself once everyone connected is ready, or when the creator
 * presses Next).
 */
import { h } from '../../app/dom';
import { creatorName, readyCount, type PartyContext } from './party-shell';

export interface ReadyPanel {
  el: HTMLElement;
  update(): void;
  destroy(): void;
}

export function readyPanel(ctx: PartyContext): ReadyPanel {
  const btn = h('button', { type: 'button', class: 'primary', id: 'ready-button', 'aria-keyshortcuts': 'R' });
  const line = h('p', { class: 'muted', id: 'ready-status', 'aria-live': 'polite' });
  let sending = false;
  const mine = (): boolean => ctx.state.party?.players.find((p) => p.playerId === ctx.you.playerId)?.ready === true;
  const press = (): void => {
    if (sending || mine()) return;
    sending = true;
    btn.disabled = true;
    void ctx.ready().finally(() => {
      sending = false;
      update();
    });
  };
  btn.addEventListener('click', press);
  const onKey = (ev: KeyboardEvent): void => {
    const t = ev.target as HTMLElement | null;
    if (ev.altKey || ev.ctrlKey || ev.metaKey || (t && /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    if (ev.key === 'r' || ev.key === 'R') press();
  };
  document.addEventListener('keydown', onKey);
  const update = (): void => {
    const done = mine();
    btn.disabled = done || sending;
    btn.textContent = done ? '✓ Ready' : 'I’m ready (R)';
    const { ready, of } = readyCount(ctx.state);
    const auto = ctx.state.party?.autoAdvance !== false;
    const who = ctx.isCreator ? 'you press Next' : `${creatorName(ctx.state)} presses Next`;
    line.textContent = `${ready} of ${of} ready. ` + (auto ? `The game moves on when everyone is ready, or sooner when ${who}.` : `The game moves on when ${who}.`);
  };
  update();
  return { el: h('section', { class: 'party-ready', id: 'party-ready' }, btn, line), update, destroy: () => document.removeEventListener('keydown', onKey) };
}
