/**
 * Competition ranking ("1, 1, 3"): a higher score ranks first and equal scores share a rank, so two players tied
 * for third are both third on their phones, on the leaderboard and on the podium. One rule for every screen:
 * the server ranks with `standings` (leaderboard, podium, each phone's rank and gap), the projector's movement
 * arrows with `competitionRanks`, which is the same rule on bare scores.
 */

/**
 * Entries with their rank, best first. Equal scores share a rank and keep their input order (the room passes
 * join order), so the leaderboard lists tied players the same way every time.
 */
export function standings<T extends { score: number }>(entries: readonly T[]): Array<T & { rank: number }> {
  const sorted = entries.map((e, i) => ({ e, i })).sort((a, b) => b.e.score - a.e.score || a.i - b.i);
  const out: Array<T & { rank: number }> = [];
  sorted.forEach(({ e }, k) => {
    const prev = out[k - 1];
    out.push({ ...e, rank: prev && prev.score === e.score ? prev.rank : k + 1 });
  });
  return out;
}

/** The rank of each score, in the input's order (the same rule as `standings`). */
export function competitionRanks(scores: readonly number[]): number[] {
  const ranked = standings(scores.map((score, i) => ({ score, i })));
  const out = new Array<number>(scores.length).fill(1);
  for (const r of ranked) out[r.i] = r.rank;
  return out;
}

/**
 * How far a player is from the next place: `behind` the first player of the next score up ("120 behind Ana"),
 * `ahead` of the runner-up when leading alone ("you lead by 40 over Bo"), or `tied` for the lead (points 0,
 * naming another leader). Null when the player is alone in the room.
 */
export type RankGap = { kind: 'behind' | 'ahead' | 'tied'; points: number; nickname: string };

/** The gap for the entry at position `pos` of a `standings` list; `nameOf` names the neighbour (default: its nickname). */
export function gapAt<T extends { score: number; rank: number; nickname: string }>(
  ranked: readonly T[], pos: number, nameOf: (e: T) => string = (e) => e.nickname,
): RankGap | null {
  const me = ranked[pos];
  if (!me) return null;
  if (me.rank > 1) {
    // The places rank-1 .. are this score's; the entry just before them ends the next score up, whose first
    // entry (listed first on the leaderboard) is the one named.
    const above = ranked[me.rank - 2];
    const first = above ? ranked[above.rank - 1] : undefined;
    return first ? { kind: 'behind', points: first.score - me.score, nickname: nameOf(first) } : null;
  }
  // Leaders come first: another leader, if any, is the first entry that is not this one.
  const other = ranked[pos === 0 ? 1 : 0];
  if (other?.rank === 1) return { kind: 'tied', points: 0, nickname: nameOf(other) };
  const second = ranked[1];
  return second && pos === 0 ? { kind: 'ahead', points: me.score - second.score, nickname: nameOf(second) } : null;
}

/** Whether the entry at `pos` shares its rank with someone. */
export function isTied<T extends { rank: number }>(ranked: readonly T[], pos: number): boolean {
  const me = ranked[pos];
  return me !== undefined && (ranked[pos - 1]?.rank === me.rank || ranked[pos + 1]?.rank === me.rank);
}

/** Entries grouped by rank for a podium: places 1..`places`, each with everyone who holds it (ties together). */
export function podiumPlaces<T extends { rank: number }>(ranked: readonly T[], places = 3): Array<{ rank: number; entries: T[] }> {
  const out: Array<{ rank: number; entries: T[] }> = [];
  for (const e of ranked) {
    if (e.rank > places) continue;
    const place = out.find((p) => p.rank === e.rank);
    if (place) place.entries.push(e);
    else out.push({ rank: e.rank, entries: [e] });
  }
  return out.sort((a, b) => a.rank - b.rank);
}
