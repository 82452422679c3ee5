/**
 * A finished game goes on this browser's list of hosted games (app/hosted-games.ts) with what the home page shows
 * of it: its topics, how many played and the share right. Called with every finished host view (projector and
 * the party creator's page); the entry is the same each time.
 */
import type { HostView } from '../../../../shared/protocol';
import { rememberFinishedGame } from '../../app/hosted-games';
import { mistakeName } from '../../app/mistakes';
import { familyLabel } from '../family-labels';

export function topicsOf(settings: HostView['settings']): string[] {
  const aimed = settings.followUp?.mistakes ?? [];
  if (aimed.length > 0) return aimed.map((m) => `Practice: ${mistakeName(m)}`);
  const src = settings.source;
  const families = src.kind === 'generated' ? src.families : [...new Set(src.tasks.map((t) => t.family))];
  return families.map(familyLabel);
}

export function rememberFinished(view: HostView, secret: string): void {
  if (view.phase !== 'finished') return;
  const s = view.summary;
  rememberFinishedGame({ code: view.code, secret, game: view.game, topics: topicsOf(view.settings), players: s.students, share: s.results > 0 ? s.right / s.results : 0 });
}
