/**
 * The name a seat is shown under on shared screens: the projector, the boards and podium every phone sees, a
 * party's group. With the host's "hide names" setting (`names: 'generated'`) that is a generated name from the
 * room's seed and the seat; the typed nickname then reaches only the player's own phone and the host's report.
 */
import { generatedName } from '../../shared/names/generated-names';
import type { PlayerRecord, RoomState } from './types';

export function shownName(state: Pick<RoomState, 'settings' | 'seed'>, player: Pick<PlayerRecord, 'nickname' | 'seat'>): string {
  return state.settings.names === 'generated' ? generatedName(state.seed, player.seat) : player.nickname;
}
