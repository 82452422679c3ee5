/**
 * Competition ranking ("1, 1, 3"): a higher score ranks first and equal scores share a rank, so two players tied
 * for third are both third on their phones, on the leaderboard and on the podium. One rule for every screen.
 */

/** The rank of each score, in the input's order. */
export function competitionRanks(scores: readonly number[]): number[] {
  const sorted = [...scores].sort((a, b) => b - a);
  return scores.map((s) => sorted.indexOf(s) + 1);
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
