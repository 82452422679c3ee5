/**
 * The projector's results and the report count answers by one rule (shared/report/outcome.ts): a draft taken at
 * time-up is an answer (and counted as a draft), a layer sent without the product is a wrong answer, and only a
 * player who sent nothing at all "did not answer". The host's live count tells sent finals from drafts held.
 */
import { describe, expect, it } from 'vitest';
import { outcomeOf } from '../../../shared/report/outcome';
import { hostProgress, hostView } from '../../../server/rooms/views';
import type { RoomEvent, RoomState } from '../../../server/rooms/types';
import { currentQuestion, right, started, step, submitFinal, T0 } from './fixture';

const host = (command: Extract<RoomEvent, { type: 'host' }>['command']): RoomEvent => ({ type: 'host', command });

describe('answered counts with drafts', () => {
  it('agree between the live count, the reveal and the report rows', () => {
    let s: RoomState = started(['ana', 'ben', 'cy', 'dan'], {
      entryMode: 'layers', source: { kind: 'generated', families: ['chain'], difficulty: 2 },
    });
    const q = currentQuestion(s, 'p0');
    expect((q.layers ?? []).length).toBeGreaterThan(1);
    // ana sends the answer; ben only types it (a draft); cy sends one layer and nothing else; dan does nothing.
    const sent = submitFinal(s, 'p0', right(q), T0 + 1000);
    if (!sent.ok) throw new Error(sent.error);
    s = sent.state;
    const drafted = step(s, { type: 'draft', playerId: 'p1', draft: { index: 0, final: right(currentQuestion(s, 'p1')) } }, T0 + 2000);
    expect(drafted.effects).toContainEqual({ type: 'progress' });
    s = drafted.state;
    const layer = currentQuestion(s, 'p2').layers?.[0]?.evaluated ?? '';
    s = step(s, { type: 'submit', playerId: 'p2', submission: { index: 0, layers: [{ layer: 0, input: layer }] } }, T0 + 3000).state;
    expect(hostProgress(s)).toMatchObject({ answered: 1, drafts: 1, players: 4 });
    const live = hostView(s, T0 + 3000);
    expect(live.phase === 'question' && [live.answered, live.drafts]).toEqual([1, 1]);

    const revealed = step(s, host({ type: 'skip' }), T0 + 5000).state;
    if (revealed.phase !== 'reveal') throw new Error(revealed.phase);
    expect(revealed.stats).toMatchObject({ players: 4, answered: 3, drafts: 1, correct: 2 });
    const results = revealed.rounds[0]?.results ?? {};
    const outcomes = ['p0', 'p1', 'p2', 'p3'].map((id) => outcomeOf(results[id]!));
    expect(outcomes).toEqual(['correct', 'correct', 'wrong', 'no answer']);
    expect(results.p1?.fromDraft).toBe(true);
    // The reveal's bars add up to the report: right + wrong + did not answer = players.
    const wrongBar = revealed.stats.answered - revealed.stats.correct;
    expect([revealed.stats.correct, wrongBar, revealed.stats.players - revealed.stats.answered]).toEqual([2, 1, 1]);
  });
});
