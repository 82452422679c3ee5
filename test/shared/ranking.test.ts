import { describe, expect, it } from 'vitest';
import { competitionRanks, podiumPlaces } from '../../shared/ranking';

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
