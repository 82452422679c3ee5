/**
 * Each room operation applied at most once. A request may carry a key: the client's key of an answer
 * (`answer:submit` `key`, scoped to the seat), or in a cluster the key the receiving process gives every request
 * while it retries it on the room's owner. Where the room runs, a key the room already applied (store/op-ledger.ts)
 * is answered from the room as it is now instead of being applied again; any other request runs under its key,
 * so the event it stores carries the key. This is what makes a refusal final: a resend after an ambiguous
 * failure (no ack, `unconfirmed`) is the same submission, acknowledged, never refused as `already-answered`.
 */
import type { SubmitAnswer } from '../../shared/protocol';
import type { Clock } from '../clock';
import type { RoomRegistry } from '../room-runtime/registry';
import { answerState, hostView, roundAnswerState } from '../rooms/views';
import type { OpLedger } from '../store/op-ledger';
import { accept, refuse, type Reply } from './guard';
import { eachOp, type OpFn, type RoomOpName, type RoomOps, type SeatEvent } from './room-ops';

export interface OnceDeps {
  ledger: OpLedger;
  registry: RoomRegistry;
  /** The operations on rooms held here. */
  local: RoomOps;
  clock: Clock;
}

type AnyOp = (...args: unknown[]) => Reply<unknown>;

/**
 * The operations a server key is worth keeping for: applied twice they would change the room twice or be refused
 * (an answer, a join, a host command). The others are the same when applied again (a draft, ready, a seat going
 * away or coming back), and would only fill the ledger: a class's drafts are many.
 */
const NOT_IDEMPOTENT: ReadonlySet<RoomOpName> = new Set(['submit', 'seat', 'host']);

/**
 * The client's own key of a request (an answer's `key`, per seat: two players may pick the same one), and the
 * arguments without it: the key is not part of what the room applies.
 */
export function clientKey(op: RoomOpName, args: unknown[]): { key: string | undefined; args: unknown[] } {
  if (op !== 'submit') return { key: undefined, args };
  const [code, playerId, submission] = args as [string, string, SubmitAnswer];
  if (submission.key === undefined) return { key: undefined, args };
  const { key, ...rest } = submission;
  return { key: `${playerId}:${key}`, args: [code, playerId, rest] };
}

/** Runs `op` on a room held here once per key (the client's, else `serverKey`). */
export function runOnce(deps: OnceDeps, op: RoomOpName, args: unknown[], serverKey?: string): Reply<unknown> {
  const code = args[0] as string;
  const own = clientKey(op, args);
  const key = own.key ?? (NOT_IDEMPOTENT.has(op) ? serverKey : undefined);
  if (key !== undefined && deps.ledger.applied(code, key)) return replay(deps, op, own.args);
  return deps.ledger.under(code, key, () => (deps.local[op] as AnyOp)(...own.args));
}

/** The room operations of a single process, each applied once per client key. */
export function onceOps(deps: OnceDeps): RoomOps {
  // The answer is the operation's own (replay answers it from the room as the operation would).
  return eachOp(<K extends RoomOpName>(name: K): OpFn<K> => (...args) => runOnce(deps, name, args) as ReturnType<RoomOps[K]>);
}

/** The answer to an operation the room already applied, from the room as it is now. */
function replay(deps: OnceDeps, op: RoomOpName, args: unknown[]): Reply<unknown> {
  const code = args[0] as string;
  const room = deps.registry.touch(code);
  if (!room) return refuse('room-not-found');
  switch (op) {
    case 'submit': {
      const player = room.player(args[1] as string);
      if (!player) return refuse('not-in-room');
      // Resent after its round closed and the room moved past the reveal: that round's result answers it.
      const index = (args[2] as SubmitAnswer).index;
      return accept(answerState(room.state, player) ?? roundAnswerState(room.state, player, index));
    }
    case 'draft': {
      const draft = args[2] as { index: number; final?: unknown; layers?: unknown[] };
      return accept({ index: draft.index, held: draft.final !== undefined || (draft.layers?.length ?? 0) > 0 });
    }
    case 'host':
      return accept(hostView(room.state, deps.clock.now()));
    case 'seat': {
      const event = args[1] as SeatEvent;
      const player = event.type === 'join' ? room.player(event.playerId) : undefined;
      // The seat this join made: answered as its resume (the same seat, online, with its current views).
      if (player) return deps.local.seat(code, { type: 'resume', tokenHash: player.tokenHash, device: player.device }, null);
      return deps.local.seat(code, event, args[2] as string | null);
    }
    case 'ready':
    case 'leave':
    case 'reattach':
      return accept(null);
    case 'claim':
    case 'hostPhase':
      // Read-only: nothing to apply twice.
      return (deps.local[op] as AnyOp)(...args);
    default:
      return refuse('internal');
  }
}
