/**
 * The teacher's report, row by row: real Socket.IO clients play a two-question game (a chain question, then a
 * Jacobian with a matrix answer) on the real server with a manual clock; the CSV and the per-question summary
 * are downloaded with the host secret in a header, parsed as RFC 4180 and checked cell by cell, a no-answer row
 * included. The same report comes back from SQLite after a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedRoom, PlayerPhaseView } from '../../../shared/protocol';
import { generateQuestion } from '../../../shared/questions/index';
import type { Question } from '../../../shared/questions/types';
import { createManualClock } from '../../../server/clock';
import { createArenaServer } from '../../../server/app';
import { generatedSpec } from '../../../server/rooms/questions';
import { call, gameSettings, next, ok, startHarness, type Client, type Harness } from './harness';

/** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    }
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  expect(cell).toBe('');
  return rows;
}

const asObjects = (rows: string[][]): Array<Record<string, string>> => {
  const [head, ...rest] = rows;
  return rest.map((r) => Object.fromEntries((head ?? []).map((k, i) => [k, r[i] ?? ''])));
};

let h: Harness;
let room: CreatedRoom;
let q1: Question;
let q2: Question;
const settings = gameSettings({
  source: { kind: 'generated', families: ['chain', 'jacobian'], difficulty: 3 }, questionCount: 2, secondsPerQuestion: 60, seed: 21,
});

async function post(path: string, secret: string): Promise<Response> {
  return fetch(`${h.server.url}/api/rooms/${room.code}/${path}`, { method: 'POST', headers: { 'X-Host-Secret': secret } });
}

beforeAll(async () => {
  const clock = createManualClock();
  h = await startHarness({ clock });
  const host = await h.connect();
  room = await ok(call(host, 'room:create', { mode: 'classroom', settings }));
  const [ada, bob, cy]: Client[] = [await h.connect(), await h.connect(), await h.connect()] as Client[];
  for (const [p, name] of [[ada, 'Ada'], [bob, '@SUM(A1)'], [cy, 'Cy, the quiet']] as const) {
    await ok(call(p!, 'room:join', { code: room.code, nickname: name }));
  }
  const spec = (i: number) => generatedSpec(settings, settings.seed ?? 0, i, 0);
  q1 = generateQuestion(spec(0).family, spec(0).difficulty, spec(0).seed);
  q2 = generateQuestion(spec(1).family, spec(1).difficulty, spec(1).seed);
  const opened = next<PlayerPhaseView>(ada!, 'state', (v) => v.phase === 'question');
  await ok(call(host, 'host:command', { type: 'start' }));
  await opened;
  clock.advance(12_300);
  await ok(call(ada!, 'answer:submit', { index: 0, final: q1.answer.expr }));
  clock.advance(5_000);
  await ok(call(bob!, 'answer:submit', { index: 0, final: q1.layers?.[0]?.evaluated }));
  // Cy sends nothing: a no-answer row.
  await ok(call(host, 'host:command', { type: 'skip' }));
  await ok(call(host, 'host:command', { type: 'next' }));
  const second = next<PlayerPhaseView>(ada!, 'state', (v) => v.phase === 'question');
  await ok(call(host, 'host:command', { type: 'next' }));
  await second;
  const m = q2.answer.matrix ?? [];
  clock.advance(20_000);
  await ok(call(ada!, 'answer:submit', { index: 0 + 1, final: m.map((r) => r.map((c) => Number(Number(c).toPrecision(4)))) }));
  await ok(call(bob!, 'answer:submit', { index: 1, final: [['1', '2'], ['3', '-4']] }));
  // Cy types the answer but never sends it: the draft counts when the game ends mid-question.
  await ok(call(cy!, 'answer:draft', { index: 1, final: m.map((r) => r.map((c) => String(Number(c).toPrecision(5)))) }));
  await ok(call(host, 'host:command', { type: 'end' }));
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

describe('the teacher report', () => {
  it('has one readable row per player and question, no answer included', async () => {
    const res = await post('report.csv', room.hostSecret);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toMatch(/\[\[|\{"|":/);
    const rows = parseCsv(text);
    // The original columns keep their order; new ones are appended at the end.
    expect(rows[0]).toEqual(['player', 'question', 'question_text', 'correct_answer', 'answer', 'result', 'mistake', 'time_s', 'points', 'question_id', 'submitted', 'extra_time_s']);
    const raw = asObjects(rows);
    // Formula guard: a cell a spreadsheet would run (=, +, -, @ first) starts with an apostrophe.
    expect(raw[1]?.player).toBe("'@SUM(A1)");
    const expr1 = q1.answer.expr ?? '';
    expect(raw[0]?.correct_answer).toBe(expr1.startsWith('-') ? `'${expr1}` : expr1);
    const r = raw.map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.replace(/^'(?=[=+\-@])/, '')])));
    expect(r).toHaveLength(6);
    const [ada1, bob1, cy1, ada2, bob2, cy2] = r;
    expect(ada1).toMatchObject({ player: 'Ada', question: '1', question_text: q1.prompt.text, correct_answer: q1.answer.expr, answer: q1.answer.expr, result: 'correct', mistake: '', time_s: '12.3', question_id: q1.id, submitted: 'sent' });
    expect(Number(ada1?.points)).toBeGreaterThan(0);
    expect(bob1).toMatchObject({ player: '@SUM(A1)', result: 'wrong', mistake: 'forgot the inner derivative', time_s: '17.3', points: '0', submitted: 'sent' });
    expect(bob1?.answer).toBe(q1.layers?.[0]?.evaluated);
    expect(cy1).toMatchObject({ player: 'Cy, the quiet', question: '1', answer: '', result: 'no answer', mistake: '', time_s: '', points: '0', question_text: q1.prompt.text, submitted: 'none' });
    const flat = (m: Array<Array<string | number>>, digits: number) => `[${m.map((row) => row.map((c) => String(Number(Number(c).toPrecision(digits)))).join(', ')).join('; ')}]`;
    const right = flat(q2.answer.matrix ?? [], 4);
    expect(ada2).toMatchObject({ question: '2', question_text: q2.prompt.text, result: 'correct', time_s: '20.0', question_id: q2.id });
    expect(ada2?.correct_answer).toBe(right);
    expect(ada2?.answer).toBe(right);
    expect(bob2).toMatchObject({ answer: '[1, 2; 3, -4]', result: 'wrong' });
    expect(cy2).toMatchObject({ result: 'correct', submitted: 'draft at deadline', time_s: '20.0' });
    expect(Number(cy2?.points)).toBeGreaterThan(0);
    expect(ada2?.submitted).toBe('sent');
    // A player's text is kept exactly as typed ("1.0000"), only flattened.
    expect(cy2?.answer).toBe(`[${(q2.answer.matrix ?? []).map((row) => row.map((c) => Number(c).toPrecision(5)).join(', ')).join('; ')}]`);
  });

  it('summarises each question: share right and top mistakes', async () => {
    const res = await post('summary.csv', room.hostSecret);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('-summary.csv');
    const s = asObjects(parseCsv(await res.text()));
    expect(s).toHaveLength(2);
    expect(s[0]).toMatchObject({ question: '1', question_text: q1.prompt.text, players: '3', correct: '1', wrong: '1', no_answer: '1', share_right: '33%', top_mistakes: 'forgot the inner derivative (1)' });
    expect(s[1]).toMatchObject({ question: '2', players: '3', correct: '2', wrong: '1', no_answer: '0', share_right: '67%', median_time_s: '20.0' });
  });

  it('refuses both files without the right secret in the header', async () => {
    expect((await post('summary.csv', 'wrong-secret')).status).toBe(404);
    expect((await fetch(`${h.server.url}/api/rooms/${room.code}/summary.csv?secret=${encodeURIComponent(room.hostSecret)}`, { method: 'POST' })).status).toBe(404);
  });

  it('reads the same rows back from SQLite after a restart', async () => {
    const live = await (await post('report.csv', room.hostSecret)).text();
    await h.server.close();
    const again = await createArenaServer({ port: 0, host: '127.0.0.1', dataDir: h.dataDir, clientDir: `${h.dataDir}/none`, log: () => {} });
    try {
      const res = await fetch(`${again.url}/api/rooms/${room.code}/report.csv`, { method: 'POST', headers: { 'X-Host-Secret': room.hostSecret } });
      expect(await res.text()).toBe(live);
    } finally {
      await again.close();
      h.server = again;
    }
  });
});
