/**
 * Games hosted from this browser, newest first: the home page lists them (date, topics, players, share right)
 * with their report pages, and the report page opens them without the secret ever going in a URL. Kept in
 * localStorage for 90 days, like the host's resume token; everything read back is untrusted. A room's follow-up
 * round is its own game (same code and key, game 2): each game of a room is listed on its own.
 */
export interface HostedGame {
  code: string;
  secret: string;
  /** When it was created, then when it finished (epoch ms). */
  at: number;
  /** Which game of the room (1, then 2 after a follow-up round); absent: not finished yet, or an older entry. */
  game?: number;
  /** Filled in when the game finished. */
  topics?: string[];
  players?: number;
  /** Share right, 0..1. */
  share?: number;
}

const KEY = 'arena.hosted.v1';
const MAX = 200;
export const KEEP_MS = 90 * 24 * 3_600_000;

const isNum = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

function read(raw: unknown): HostedGame | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const g = raw as Record<string, unknown>;
  if (typeof g.code !== 'string' || !/^[A-Z0-9]{4,8}$/.test(g.code) || typeof g.secret !== 'string' || g.secret.length > 100 || !isNum(g.at, 0, 1e14)) return null;
  const out: HostedGame = { code: g.code, secret: g.secret, at: g.at };
  if (isNum(g.game, 1, 1000) && Number.isInteger(g.game)) out.game = g.game;
  if (Array.isArray(g.topics)) out.topics = g.topics.filter((t): t is string => typeof t === 'string' && t.length <= 40).slice(0, 20);
  if (isNum(g.players, 0, 1e6)) out.players = g.players;
  if (isNum(g.share, 0, 1)) out.share = g.share;
  return out;
}

const same = (a: HostedGame, b: Pick<HostedGame, 'code' | 'secret' | 'game'>): boolean =>
  a.code === b.code && a.secret === b.secret && (a.game ?? 1) === (b.game ?? 1);

/** The games of the last 90 days, newest first. */
export function hostedGames(now = Date.now()): HostedGame[] {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    if (!Array.isArray(raw)) return [];
    return raw.map(read).filter((g): g is HostedGame => g !== null && now - g.at <= KEEP_MS).sort((a, b) => b.at - a.at).slice(0, MAX);
  } catch {
    return [];
  }
}

function store(list: HostedGame[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(list.slice(0, MAX)));
  } catch {
    /* storage blocked: the report page still takes a typed code and secret */
  }
}

/** Adds (or moves to the top) a game just created: its details come when it finishes. */
export function rememberHostedGame(code: string, secret: string, at = Date.now()): void {
  const known = hostedGames().find((g) => g.code === code && g.secret === secret);
  if (known) return;
  store([{ code, secret, at }, ...hostedGames()]);
}

/** A game finished: its entry (game `game` of the room) gets its date, topics, players and share right. */
export function rememberFinishedGame(entry: Required<Pick<HostedGame, 'code' | 'secret' | 'game' | 'topics' | 'players' | 'share'>>, at = Date.now()): void {
  const rest = hostedGames().filter((g) => !same(g, entry) && !(g.code === entry.code && g.secret === entry.secret && g.game === undefined));
  store([{ ...entry, at }, ...rest]);
}

/** Forgets a game whose report was deleted. */
export function forgetHostedGame(code: string, secret: string, game?: number): void {
  store(hostedGames().filter((g) => !same(g, { code, secret, ...(game === undefined ? {} : { game }) })));
}
