import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedRoom, HostView, PlayerPhaseView, SeatGrant, YouView } from '../../../shared/protocol';
import { generateQuestion } from '../../../shared/questions/index';
import type { Question } from '../../../shared/questions/types';
import { generatedSpec } from '../../../server/rooms/questions';
import { call, gameSettings, next, ok, record, startHarness, type Client, type Harness } from './harness';

const SETTINGS = gameSettings({ questionCount: 2, leaderboardEvery: 1 });

function expected(index: number): Question {
  const spec = generatedSpec(SETTINGS, SETTINGS.seed ?? 0, index, 0);
  return generateQuestion(spec.family, spec.difficulty, spec.seed);
}

/** Strings that only the full question carries: none may reach a player before the reveal. */
function secretsOf(q: Question): string[] {
  const out = [q.answer.expr ?? '', ...q.steps.map((s) => s.text)].filter((s) => s.length > 3);
  return [...out.map((s) => s.replace(/\s+/g, '')), '"steps":', '"distractors":', '"derivative":', '"evaluated":'];
}

describe('a classroom game of 1 host and 5 players', () => {
  let h: Harness;
  let host: Client;
  let created: CreatedRoom;
  const players: Client[] = [];
  const seats: SeatGrant[] = [];
  const logs: Array<Array<[string, unknown]>> = [];
  let finished: HostView;

  beforeAll(async () => {
    h = await startHarness();
    host = await h.connect();
    created = await ok(call(host, 'room:create', { mode: 'classroom', settings: SETTINGS }));
    for (let i = 0; i < 5; i++) {
      const p = await h.connect();
      logs.push(record(p));
      players.push(p);
      seats.push(await ok(call(p, 'room:join', { code: created.code.toLowerCase(), nickname: `Player ${i}` })));
    }
    for (let index = 0; index < 2; index++) {
      const opened = players.map((p) => next<PlayerPhaseView>(p, 'state', (v) => v.phase === 'question' && v.index === index));
      await ok(call(host, 'host:command', index === 0 ? { type: 'start' } : { type: 'next', expect: { phase: 'leaderboard', index: index - 1 } }));
      await Promise.all(opened);
      const q = expected(index);
      const revealed = players.map((p) => next<PlayerPhaseView>(p, 'state', (v) => v.phase === 'reveal'));
      // Players 0-2 right, 3-4 wrong: the last answer closes the round early.
      for (const [i, p] of players.entries()) {
        await ok(call(p, 'answer:submit', { index, final: i < 3 ? q.answer.expr : 'x + 12345' }));
      }
      await Promise.all(revealed);
      const toBoard = players.map((p) => next<PlayerPhaseView>(p, 'state', (v) => v.phase === 'leaderboard' || v.phase === 'finished'));
      const hostDone = index === 1 ? next<HostView>(host, 'host:state', (v) => v.phase === 'finished') : undefined;
      await ok(call(host, 'host:command', { type: 'next', expect: { phase: 'reveal', index } }));
      await Promise.all(toBoard);
      if (hostDone) finished = await hostDone;
    }
  });

  afterAll(async () => {
    await h.stop();
  });

  it('gives every player a seat with a resume token', () => {
    expect(seats.every((s) => s.resumeToken.length >= 16 && s.you.score === 0)).toBe(true);
  });

  it('ends with a podium of 3 and a full ranking for the host', () => {
    expect(finished.phase).toBe('finished');
    if (finished.phase !== 'finished') return;
    expect(finished.podium).toHaveLength(3);
    expect(finished.ranking).toHaveLength(5);
    expect(finished.ranking.slice(0, 3).every((e) => e.score > 0)).toBe(true);
    expect(finished.ranking.slice(3).every((e) => e.score === 0)).toBe(true);
  });

  it('sends each player only their own rank, never the whole board', () => {
    const yous = logs[4]!.filter(([e]) => e === 'you').map(([, p]) => p as YouView);
    expect(yous.at(-1)?.rank).toBe(4);
    const boards = logs[4]!.filter(([e, p]) => e === 'state' && (p as PlayerPhaseView).phase === 'finished');
    expect((boards[0]?.[1] as { podium: unknown[] }).podium).toHaveLength(3);
    expect(JSON.stringify(logs[4])).not.toContain('"ranking"');
  });

  it('never sends a player the answer before the reveal', () => {
    for (const log of logs) {
      for (let index = 0; index < 2; index++) {
        const start = log.findIndex(([e, p]) => e === 'state' && (p as PlayerPhaseView).phase === 'question' && (p as { index: number }).index === index);
        const reveal = log.findIndex(([e, p], i) => i > start && e === 'state' && (p as PlayerPhaseView).phase === 'reveal');
        expect(start).toBeGreaterThanOrEqual(0);
        const before = JSON.stringify(log.slice(start, reveal)).replace(/\s+/g, '');
        for (const secret of secretsOf(expected(index))) expect(before).not.toContain(secret);
      }
    }
  });

  it('carries the full question and the class statistics at the reveal', () => {
    const reveal = logs[0]!.find(([e, p]) => e === 'state' && (p as PlayerPhaseView).phase === 'reveal')?.[1] as Extract<PlayerPhaseView, { phase: 'reveal' }>;
    expect(reveal.question.answer.expr).toBe(expected(0).answer.expr);
    expect(reveal.stats).toMatchObject({ players: 5, answered: 5, correct: 3 });
  });

  it('serves the CSV report to the holder of the host secret', async () => {
    const res = await fetch(`${h.server.url}/api/rooms/${created.code}/report.csv`, { method: 'POST', headers: { 'X-Host-Secret': created.hostSecret } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('player,question,question_text,correct_answer,answer,result,mistake,time_s,points,question_id,submitted,extra_time_s');
    expect(lines).toHaveLength(1 + 5 * 2);
    expect(lines.filter((l) => l.startsWith('Player 0,')).every((l) => l.includes(',correct,'))).toBe(true);
  });

  it('refuses the report without the right secret', async () => {
    const res = await fetch(`${h.server.url}/api/rooms/${created.code}/report.csv`, { method: 'POST', headers: { 'X-Host-Secret': 'wrong-secret' } });
    expect(res.status).toBe(404);
  });

  it('stores the finished game in the SQLite file of the data directory', () => {
    expect(existsSync(join(h.dataDir, 'arena.sqlite'))).toBe(true);
  });
});

describe('a party game', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('lets the creator play and control the game from one socket', async () => {
    const creator = await h.connect();
    const friend = await h.connect();
    const created = await ok(call(creator, 'room:create', { mode: 'party', nickname: 'Creator', settings: gameSettings({ questionCount: 1 }) }));
    expect(created.player?.you.nickname).toBe('Creator');
    await ok(call(friend, 'room:join', { code: created.code, nickname: 'Friend' }));
    const opened = next<PlayerPhaseView>(creator, 'state', (v) => v.phase === 'question');
    await ok(call(creator, 'host:command', { type: 'start' }));
    await opened;
    const revealed = next<PlayerPhaseView>(creator, 'state', (v) => v.phase === 'reveal');
    const yours = next<YouView>(creator, 'you');
    const q = expected0(gameSettings({ questionCount: 1 }));
    await ok(call(creator, 'answer:submit', { index: 0, final: q.answer.expr }));
    await ok(call(friend, 'answer:submit', { index: 0, final: 'x' }));
    await revealed;
    const you = await yours;
    expect(you.score).toBeGreaterThan(0);
    const done = next<HostView>(creator, 'host:state', (v) => v.phase === 'finished');
    await ok(call(creator, 'host:command', { type: 'next' }));
    const view = await done;
    expect(view.phase === 'finished' && view.podium[0]?.nickname).toBe('Creator');
  });
});

function expected0(settings: ReturnType<typeof gameSettings>): Question {
  const spec = generatedSpec(settings, settings.seed ?? 0, 0, 0);
  return generateQuestion(spec.family, spec.difficulty, spec.seed);
}
