/**
 * The HTTP side: liveness, readiness, metrics, the CSV report, and the built client (dist/client) with an SPA
 * fallback so join links (`/join/ABC123`, `/?code=ABC123`) open the client. Security headers come from helmet
 * (policy in security.ts); static files from the precompressed build (static.ts).
 */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { RoomCodeSchema } from '../../shared/protocol';
import type { TrustProxy } from '../config';
import type { Logger, ErrorLog } from '../log';
import { toCsv, type ReportRow } from '../report/csv';
import { reportJson, summaryCsv } from '../report/summary';
import { securityHeaders } from './security';
import { ClientFiles, clientPath, REVALIDATE } from './static';

/**
 * /readyz's body. `ok` false (503) only when a check that stops games fails; a failing check marked `degraded`
 * only degrades the service (`degraded: true`, still 200: the load balancer keeps sending players here).
 */
export interface ReadyReport {
  ok: boolean;
  /** Some check that only limits a feature fails (the process stays ready). */
  degraded?: boolean;
  /** `degraded`: a failing check that limits a feature but leaves the process ready (it stays in the balancer). */
  checks: Record<string, { ok: boolean; detail?: string; degraded?: boolean }>;
}

export interface HttpOptions {
  clientDir: string;
  /**
   * The report of a room for the holder of its host secret, or null (unknown room or wrong secret): the room's
   * game number `game` (a follow-up round is game 2), else its latest finished game.
   */
  report(code: string, secret: string, game?: number): Promise<ReportRow[] | null>;
  /** Deletes a finished game's report (every game of the room without `game`); resolves whether there was one. */
  deleteReport?(code: string, secret: string, game?: number): Promise<boolean>;
  /** False when this address made too many failed attempts. */
  allowAttempt(address: string): boolean;
  failedAttempt(address: string): void;
  /** The origin phones should join at when the page was opened over loopback (see lan-origin.ts), or null. */
  joinOrigin(requestHost: string | undefined): string | null;
  /** Express `trust proxy` (config TRUST_PROXY): which X-Forwarded-* headers to believe. Default off. */
  trustProxy?: TrustProxy;
  /** Prometheus exposition for /metrics; absent = no /metrics. */
  metrics?: () => Promise<{ contentType: string; body: string }>;
  /** Readiness for /readyz; absent = ready whenever the process answers. */
  ready?: () => Promise<ReadyReport>;
  /** Request lines at debug level, failures at error. */
  logger?: Logger;
  /** Where failures are logged when there is no `logger` (the server's error log). */
  log?: ErrorLog;
  /** Counts a refusal by a rate limit (metrics). */
  rateLimited?: (where: string) => void;
}

/** The header the host page sends its secret in: never a URL, so never in proxy logs or browser history. */
export const HOST_SECRET_HEADER = 'x-host-secret';

const NOT_BUILT = `Chain Rule Arena server is running, but the client is not built yet.
Build it with:  npm run build   (or start everything with: npm start)
`;

export function createHttpApp(opts: HttpOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', opts.trustProxy ?? false);
  app.use(securityHeaders());
  if (opts.logger) app.use(requestLog(opts.logger));
  app.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ ok: true });
  });
  const fail = (message: string, err: unknown, path?: string): void => {
    if (opts.logger) opts.logger.error({ err, ...(path === undefined ? {} : { path: path.slice(0, 200) }) }, message);
    else opts.log?.(message, err);
  };
  app.get('/readyz', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    if (!opts.ready) return void res.json({ ok: true, checks: {} });
    opts.ready().then((report) => void res.status(report.ok ? 200 : 503).json(report), next);
  });
  app.get('/metrics', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    // Switched off (METRICS=off): a plain 404, not the page.
    if (!opts.metrics) return void res.status(404).json({ error: 'not-found' });
    opts.metrics().then(({ contentType, body }) => void res.type(contentType).send(body), next);
  });
  app.get('/api/join-origin', (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ origin: opts.joinOrigin(req.headers.host) });
  });
  app.post('/api/rooms/:code/report.csv', (req, res) => sendReport(opts, fail, req, res));
  // The per-question summary (share right, top mistakes): same guard, same secret header.
  app.post('/api/rooms/:code/summary.csv', (req, res) => sendReport(opts, fail, req, res, summaryCsv, 'summary'));
  // Both, as data for the report page (client/src/screens/report): same guard, same secret header.
  app.post('/api/rooms/:code/report.json', (req, res) => sendReport(opts, fail, req, res, reportJson, 'report', 'application/json'));
  // The report page's Delete: the same guard and secret header; the game number in the query.
  app.delete('/api/rooms/:code/report', (req, res) => void deleteReport(opts, fail, req, res));
  app.use('/api', (_req, res) => {
    res.status(404).json({ error: 'not-found' });
  });
  const files = new ClientFiles(opts.clientDir);
  const failed = (res: Response) => (err: unknown) => {
    fail('sending a client file failed', err);
    if (!res.headersSent) res.status(500).end();
  };
  app.use((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.status(404).json({ error: 'not-found' });
      return;
    }
    const path = clientPath(req);
    if (path !== null && path !== '/index.html' && !files.has(path) && /^\/assets\//.test(path)) files.refreshAfterMiss();
    if (path !== null && path !== '/index.html' && files.has(path)) return files.send(req, res, path, failed(res));
    // Unbuilt at start (a build may have finished since): look again before answering "not built".
    if (!files.has('/index.html')) files.refreshAfterMiss();
    if (!files.has('/index.html')) {
      res.setHeader('Cache-Control', REVALIDATE);
      res.status(503).type('text/plain').send(NOT_BUILT);
      return;
    }
    if (path !== null && /^\/assets\//.test(path)) {
      // A hashed file from another build: the SPA page in its place would run as a script and break silently.
      res.status(404).type('text/plain').send('not found');
      return;
    }
    files.send(req, res, '/index.html', failed(res));
  });
  // Anything that escaped a route: JSON with a code (never Express's HTML page, which would also print the stack
  // to stderr), logged through the server's logger.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = httpStatus(err);
    if (status >= 500) fail('request failed', err, req.path);
    if (res.headersSent) return void res.end();
    res.setHeader('Cache-Control', 'no-store');
    res.status(status).json({ error: status >= 500 ? 'internal' : 'bad-request' });
  });
  return app;
}

/** A client error's status (a malformed URL, a body too large), else 500. */
function httpStatus(err: unknown): number {
  const status = typeof err === 'object' && err !== null ? ((err as { status?: unknown; statusCode?: unknown }).status ?? (err as { statusCode?: unknown }).statusCode) : undefined;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

function requestLog(logger: Logger) {
  return (req: Request, res: Response, next: () => void): void => {
    const started = performance.now();
    res.on('finish', () => {
      // req.path has no query string: nothing a client put there reaches the log.
      logger.debug({ method: req.method, path: req.path.slice(0, 200), status: res.statusCode, ms: Math.round(performance.now() - started), ip: req.ip }, 'http');
    });
    next();
  };
}

/** A report request's parts, read once; `target` is null when the code, game or secret is malformed. */
interface ReportRequest {
  address: string;
  target: { code: string; secret: string; game: number | undefined } | null;
}

/**
 * Reads a report request (GET the CSV / JSON, DELETE): counted against the address's attempts; answers 429 and
 * returns null when the address is out of them.
 */
function reportRequest(opts: HttpOptions, req: Request, res: Response): ReportRequest | null {
  const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  res.setHeader('Cache-Control', 'no-store');
  if (!opts.allowAttempt(address)) {
    opts.rateLimited?.('report');
    res.status(429).json({ error: 'rate-limited' });
    return null;
  }
  const code = RoomCodeSchema.safeParse(req.params.code);
  const secret = req.get(HOST_SECRET_HEADER);
  const game = gameOf(req);
  const ok = code.success && game !== null && typeof secret === 'string' && secret.length > 0 && secret.length <= 100;
  return { address, target: ok ? { code: code.data, secret, game } : null };
}

/** The store is away and no copy of this game was at hand: say so, and when to try again. */
function storeAway(res: Response): void {
  res.setHeader('Retry-After', '5');
  res.status(503).json({ error: 'unavailable' });
}

/** One answer for an unknown room, a wrong secret or a report already gone: no oracle for guessing codes. */
function notFound(opts: HttpOptions, address: string, res: Response): void {
  opts.failedAttempt(address);
  res.status(404).json({ error: 'room-not-found' });
}

async function sendReport(
  opts: HttpOptions, fail: (message: string, err: unknown, path?: string) => void, req: Request, res: Response,
  format: (rows: ReportRow[]) => string = toCsv, suffix = '', type = 'text/csv',
): Promise<void> {
  const r = reportRequest(opts, req, res);
  if (!r) return;
  let rows: ReportRow[] | null;
  try {
    rows = r.target ? await opts.report(r.target.code, r.target.secret, r.target.game) : null;
  } catch (err) {
    fail('reading a report failed', err, req.path);
    storeAway(res);
    return;
  }
  if (!rows || !r.target) {
    notFound(opts, r.address, res);
    return;
  }
  res.setHeader('Content-Type', `${type}; charset=utf-8`);
  if (type === 'text/csv') res.setHeader('Content-Disposition', `attachment; filename="arena-${r.target.code}${suffix ? `-${suffix}` : ''}.csv"`);
  res.send(format(rows));
}

/** `?game=N` (1-1000): which game of the room; absent: undefined (the latest); anything else: null (refused). */
function gameOf(req: Request): number | undefined | null {
  const raw = req.query.game;
  if (raw === undefined) return undefined;
  return typeof raw === 'string' && /^[1-9]\d{0,2}$/.test(raw) ? Number(raw) : null;
}

/** DELETE a report: 204 when deleted; one 404 for an unknown room, a wrong secret or a report already gone. */
async function deleteReport(opts: HttpOptions, fail: (message: string, err: unknown, path?: string) => void, req: Request, res: Response): Promise<void> {
  const r = reportRequest(opts, req, res);
  if (!r) return;
  let deleted: boolean;
  try {
    deleted = !!opts.deleteReport && !!r.target && await opts.deleteReport(r.target.code, r.target.secret, r.target.game);
  } catch (err) {
    fail('deleting a report failed', err, req.path);
    storeAway(res);
    return;
  }
  if (!deleted) {
    notFound(opts, r.address, res);
    return;
  }
  res.status(204).end();
}
