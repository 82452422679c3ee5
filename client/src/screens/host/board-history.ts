/**
 * What the leaderboard needs to show movement: each player's score and rank at the previous leaderboard (or at
 * the start), kept by the host session across phases.
 */
import type { LeaderboardEntry } from '../../../../shared/protocol/views';
import { competitionRanks } from '../../../../shared/ranking';

export interface Standing {
  score: number;
  rank: number;
}

export class BoardHistory {
  private baseline = new Map<string, Standing>();
  private shownIndex = -1;
  private current = new Map<string, Standing>();

  /** Called with each leaderboard view: the first time for an index, the last board becomes the baseline. */
  seen(index: number, everyone: ReadonlyArray<{ playerId: string; score: number }>): void {
    if (index === this.shownIndex) return;
    this.shownIndex = index;
    this.baseline = this.current;
    const ranks = competitionRanks(everyone.map((p) => p.score));
    this.current = new Map(everyone.map((p, i) => [p.playerId, { score: p.score, rank: ranks[i] ?? 1 }]));
  }

  /** Points gained since the previous board and places moved (positive = up); a new player moved 0. */
  delta(e: LeaderboardEntry): { gained: number; moved: number } {
    const before = this.baseline.get(e.playerId);
    if (!before) return { gained: e.score, moved: 0 };
    return { gained: e.score - before.score, moved: before.rank - e.rank };
  }
}
