/**
 * The HTTP side: health check, the CSV report, and the built client (dist/client) with an SPA fallback so join
 * links (`/join/ABC123`, `/?code=ABC123`) open the client.
 */
import express, { type Express, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RoomCodeSchema } from '../../shared/protocol';
import { toCsv, type ReportRow } from '../report/csv';

export interface HttpOptions {
  clientDir: string;
  /** The report of a room for the holder of its host secret, or null (unknown room or wrong secret). */
  report(code: string, secret: string): ReportRow[] | null;
  /** False when this address made too many failed attempts. */
  allowAttempt(address: string): boolean;
  failedAttempt(address: string): void;
  /** The origin phones should join at when the page was opened over loopback (see lan-origin.ts), or null. */
  joinOrigin(requestHost: string | undefined): string | null;
}

const NOT_BUILT = `Chain Rule Arena server is running, but the client is not built yet.
Build it with:  npm run build   (or start everything with: npm start)
`;

export function createHttpApp(opts: HttpOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/api/join-origin', (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ origin: opts.joinOrigin(req.headers.host) });
  });
  app.get('/api/rooms/:code/report.csv', (req, res) => sendReport(opts, req, res));
  app.use('/api', (_req, res) => {
    res.status(404).json({ error: 'not-found' });
  });
  const indexFile = join(opts.clientDir, 'index.html');
  app.use(express.static(opts.clientDir, { index: false, fallthrough: true, maxAge: '1h' }));
  app.use((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.status(404).json({ error: 'not-found' });
      return;
    }
    if (!existsSync(indexFile)) {
      res.status(503).type('text/plain').send(NOT_BUILT);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });
  return app;
}

function sendReport(opts: HttpOptions, req: Request, res: Response): void {
  const address = req.socket.remoteAddress ?? 'unknown';
  res.setHeader('Cache-Control', 'no-store');
  if (!opts.allowAttempt(address)) {
    res.status(429).json({ error: 'rate-limited' });
    return;
  }
  const code = RoomCodeSchema.safeParse(req.params.code);
  const secret = req.query.secret;
  const rows =
    code.success && typeof secret === 'string' && secret.length > 0 && secret.length <= 100 ? opts.report(code.data, secret) : null;
  if (!rows) {
    opts.failedAttempt(address);
    // One answer for an unknown room and a wrong secret: no oracle for guessing codes.
    res.status(404).json({ error: 'room-not-found' });
    return;
  }
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="arena-${code.success ? code.data : 'report'}.csv"`);
  res.send(toCsv(rows));
}
