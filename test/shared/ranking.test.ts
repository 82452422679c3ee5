import { describe, expect, it } from 'vitest';
import { competitionRanks, gapAt, isTied, podiumPlaces, standings } from '../../shared/ranking';

describe('competitionRanks', () => {
  it('gives tied scores the same rank and skips the places they fill', () => {
    expect(competitionRanks([10, 30, 30, 5, 10])).toEqual([3, 1, 1, 5, 3]);
  });
});

describe('podiumPlaces', () => {
  it('puts every player tied for third on the third step', () => {
    const ranked = [{ rank: 1, n: 'A' }, { rank: 2, n: 'B' }, { rank: 3, n: 'C' }, { rank: 3, n: 'D' }, { rank: 5, n: 'E' }];
    expect(podiumPlaces(ranked).map((p) => [p.rank, p.entries.map((e) => e.n)])).toEqual([[1, ['A']], [2, ['B']], [3, ['C', 'D']]]);
  });

  it('shares the first step when two lead, leaving no second place', () => {
    const ranked = [{ rank: 1 }, { rank: 1 }, { rank: 3 }];
    expect(podiumPlaces(ranked).map((p) => [p.rank, p.entries.length])).toEqual([[1, 2], [3, 1]]);
  });
});

describe('standings and gaps', () => {
  const list = standings([
    { nickname: 'A', score: 500 }, { nickname: 'B', score: 900 }, { nickname: 'C', score: 900 }, { nickname: 'D', score: 200 }, { nickname: 'E', score: 500 },
  ]);

  it('ranks like competitionRanks and keeps ties in input order', () => {
    expect(list.map((e) => [e.nickname, e.rank])).toEqual([['B', 1], ['C', 1], ['A', 3], ['E', 3], ['D', 5]]);
    expect(competitionRanks([500, 900, 900, 200, 500])).toEqual([3, 1, 1, 5, 3]);
  });

  it('measures the gap to the first player of the next score up', () => {
    expect(gapAt(list, 0)).toEqual({ kind: 'tied', points: 0, nickname: 'C' });
    expect(gapAt(list, 1)).toEqual({ kind: 'tied', points: 0, nickname: 'B' });
    expect(gapAt(list, 2)).toEqual({ kind: 'behind', points: 400, nickname: 'B' });
    expect(gapAt(list, 3)).toEqual({ kind: 'behind', points: 400, nickname: 'B' });
    expect(gapAt(list, 4)).toEqual({ kind: 'behind', points: 300, nickname: 'A' });
    expect([0, 1, 2, 3, 4].map((i) => isTied(list, i))).toEqual([true, true, true, true, false]);
  });

  it('gives a lone leader the lead over the runner-up, and nobody alone a gap', () => {
    const two = standings([{ nickname: 'A', score: 100 }, { nickname: 'B', score: 340 }]);
    expect(gapAt(two, 0)).toEqual({ kind: 'ahead', points: 240, nickname: 'A' });
    expect(gapAt(standings([{ nickname: 'A', score: 0 }]), 0)).toBeNull();
  });
});
