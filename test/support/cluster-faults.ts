/**
 * The cluster's faults, played the same way by the cluster test (a couple of times, asserting) and by the fault
 * benchmark (ten times in a row, counting): Redis killed and restarted mid-question, and the owner of an idle
 * room killed. Each returns what it measured; nothing here decides pass or fail.
 */
import type { HostView, PlayerPhaseView, RoomSettings, YouView } from '../../shared/protocol';
import { call, next, ok } from '../server/integration/harness';
import type { ServerNode } from './cluster';
import { hostNow, readyz, rightAnswer, submitOnce, until, type Classroom, type Players } from './cluster-play';
import type { RedisProcess } from './redis';

export interface RestartRound {
  /** Redis accepting connections again → the host's view has every seat online. */
  onlineMs: number;
  players: number;
  /** Phones that got their own verdict (`you`) at the reveal. */
  verdicts: number;
  /** Answers the host's reveal counts. */
  answered: number;
  /** How the answers sent while Redis was away ended: `acknowledged`, or `refused <code>`. */
  during: string[];
  /** Acknowledged answers whose verdict at the reveal is missing or another one. */
  lost: number;
  /** Refused answers that counted anyway (the right answer sent after the refusal was refused or judged wrong). */
  refusedCounted: number;
}

/**
 * Question `q` of `game` opens; two phones answer; Redis is killed; two phones answer (wrongly) during the outage,
 * which lasts until every process has seen Redis gone and a lease TTL has passed (every lease lapses); Redis is
 * started again on the same port and data. Then the others answer and the reveal is checked against every
 * acknowledgement.
 */
export async function redisRestartRound(redis: RedisProcess, nodes: ServerNode[], game: Classroom, settings: RoomSettings, q: number, leaseMs: number): Promise<RestartRound> {
  const { host, room, players } = game;
  const asked = players.map((p) => next<PlayerPhaseView>(p.socket, 'state', (s) => s.phase === 'question' && s.index === q));
  await ok(call(host, 'host:command', q === 0 ? { type: 'start' } : { type: 'next', expect: { phase: 'reveal', index: q - 1 } }));
  await Promise.all(asked);
  const right = rightAnswer(settings, q);
  // Each player's verdict must be the answer acknowledged to it, whatever Redis did meanwhile.
  const expected = new Map<string, boolean>();
  let lost = 0;
  let refusedCounted = 0;
  for (const [i, p] of players.slice(0, 2).entries()) {
    const a = await submitOnce(p.socket, { index: q, final: i === 0 ? right : 'x + 4242' });
    if (a.ok) expected.set(p.name, i === 0);
  }
  // Set up before the outage, so their bound covers it: every process unready (≤ 15 s), the leases lapsing, every
  // seat back (≤ 30 s), and the answers after it on a loaded machine.
  const outageBound = 15_000 + leaseMs + 1000 + 30_000 + 30_000;
  const verdicts = players.map((p) => next<YouView>(p.socket, 'you', (y) => y.answer?.index === q && y.answer.points !== null, outageBound).catch(() => null));
  const revealed = next<HostView>(host, 'host:state', (v) => v.phase === 'reveal' && v.index === q, outageBound);

  await redis.kill();
  const killedAt = performance.now();
  const during = players.slice(2, 4).map(async (p) => ({ p, res: await submitOnce(p.socket, { index: q, final: 'x + 777' }) }));
  await until(async () => (await Promise.all(nodes.map(async (n) => (await readyz(n)).status))).every((s) => s === 503), 15_000, 'every process unready without Redis');
  await until(() => performance.now() - killedAt >= leaseMs, leaseMs + 1000, 'the leases lapsed');
  await redis.restart();
  const backAt = performance.now();
  await until(async () => (await hostNow(host, room))?.players.every((p) => p.connected) === true, 30_000, 'every seat online again');
  const onlineMs = performance.now() - backAt;

  const outcomes: string[] = [];
  for (const { p, res } of await Promise.all(during)) {
    outcomes.push(res.ok ? 'acknowledged' : `refused ${res.error}`);
    if (res.ok) {
      expected.set(p.name, false);
      continue;
    }
    // Refused: it changed nothing, so the right answer sent now is this player's answer.
    const again = await submitOnce(p.socket, { index: q, final: right });
    if (again.ok) expected.set(p.name, true);
    else refusedCounted++;
  }
  for (const p of players.slice(4)) if ((await submitOnce(p.socket, { index: q, final: right })).ok) expected.set(p.name, true);
  const reveal = await revealed;
  const yours = await Promise.all(verdicts);
  for (const [name, correct] of expected) {
    const y = yours.find((v) => v?.nickname === name);
    if (y?.answer?.final?.correct !== correct) lost++;
  }
  return {
    onlineMs,
    players: players.length,
    verdicts: yours.filter((y) => y !== null).length,
    answered: reveal.phase === 'reveal' ? reveal.stats.answered : 0,
    during: outcomes,
    lost,
    refusedCounted,
  };
}

export interface OwnerKill {
  /** Kill → first acknowledgement of an answer sent right after it, one per surviving process. */
  acksMs: number[];
  /** Every one of those answers acknowledged. */
  allAcked: boolean;
}

/**
 * A room owned by process `ownerAt` (its host there), players on `survivorsAt`; a question opens, nobody acts, the
 * owner is killed with -9, and right after a player on each survivor answers.
 */
export async function ownerKillRun(play: Players, settings: RoomSettings, ownerAt: number, survivorsAt: number[], tag: string): Promise<OwnerKill> {
  const game = await play.classroom(settings, ownerAt, tag, survivorsAt.length * 2, (i) => survivorsAt[i % survivorsAt.length] as number);
  await game.full;
  const asked = game.players.map((p) => next<PlayerPhaseView>(p.socket, 'state', (s) => s.phase === 'question'));
  await ok(call(game.host, 'host:command', { type: 'start' }));
  await Promise.all(asked);
  const owner = play.node(ownerAt);
  owner.proc.kill('SIGKILL');
  const killedAt = performance.now();
  await owner.exited;
  const right = rightAnswer(settings, 0);
  const acks = await Promise.all(
    survivorsAt.map(async (at) => {
      const p = game.players.find((x) => x.at === at);
      if (!p) return { ok: false, ms: Number.NaN };
      const res = await submitOnce(p.socket, { index: 0, final: right });
      return { ok: res.ok, ms: performance.now() - killedAt };
    }),
  );
  return { acksMs: acks.map((a) => a.ms), allAcked: acks.every((a) => a.ok) };
}
