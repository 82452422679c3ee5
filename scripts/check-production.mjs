#!/usr/bin/env node
/**
 * `node scripts/check-production.mjs URL`: what a deployment must answer, checked against a running server
 * (CI after making the production folder; by hand after deploying). Waits up to 60 s for /readyz, then checks
 * a brotli-encoded hashed asset with a one-year immutable cache, index.html revalidated, the CSP, /metrics, and
 * that a classroom and a party with own questions (teacher tasks, solved by the task worker) open over
 * Socket.IO within the protocol's bound. Runtime dependencies only: runs in a pruned production folder.
 */
import { request } from 'node:http';
import { io } from 'socket.io-client';

/** shared/protocol.ts TASKS_ANSWER_MS (a request with own questions is answered within it), plus the network. */
const OWN_QUESTIONS_ACK_MS = 20_000 + 5000;

const base = (process.argv[2] ?? '').replace(/\/$/, '');
if (!/^https?:\/\//.test(base)) {
  console.error('usage: node scripts/check-production.mjs http://host:port');
  process.exit(2);
}

/** GET without decompression: headers and the raw body. */
function get(path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`timed out: ${path}`)));
    req.on('error', reject);
    req.end();
  });
}

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : `: ${detail}`}`);
}

const deadline = Date.now() + 60_000;
let ready = null;
while (Date.now() < deadline) {
  ready = await get('/readyz').catch(() => null);
  if (ready?.status === 200) break;
  await new Promise((r) => setTimeout(r, 250));
}
check('/readyz answers 200', ready?.status === 200, ready ? `${ready.status} ${ready.body}` : 'no answer in 60 s');

const page = await get('/', { 'Accept-Encoding': 'br, gzip' });
check('/ answers 200', page.status === 200, String(page.status));
check('index.html is revalidated (no-cache)', page.headers['cache-control'] === 'no-cache', page.headers['cache-control']);
const csp = String(page.headers['content-security-policy'] ?? '');
check("CSP present with script-src 'self'", csp.includes("script-src 'self'") && !csp.includes('unsafe-eval'), csp);

const html = (await get('/')).body.toString('utf8');
const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
check('index.html references a hashed script', asset !== undefined);
if (asset) {
  const br = await get(asset, { 'Accept-Encoding': 'gzip, deflate, br' });
  check(`${asset} is sent brotli-encoded`, br.headers['content-encoding'] === 'br', String(br.headers['content-encoding']));
  check(`${asset} is cached a year, immutable`, br.headers['cache-control'] === 'public, max-age=31536000, immutable', br.headers['cache-control']);
  const plain = await get(asset);
  check(`${asset} brotli is smaller than plain`, br.body.length < plain.body.length, `${br.body.length} vs ${plain.body.length}`);
}

const metrics = await get('/metrics');
const text = metrics.body.toString('utf8');
check('/metrics in Prometheus format', metrics.status === 200 && /^arena_rooms \d+/m.test(text) && /^nodejs_eventloop_lag_seconds /m.test(text), `${metrics.status}`);
check('/healthz answers 200', (await get('/healthz')).status === 200);

/** The protocol version the server speaks: its version-mismatch refusal names it (shared/protocol.ts). */
function protocolVersion() {
  return new Promise((resolve, reject) => {
    const s = io(base, { transports: ['websocket'], auth: { protocolVersion: -1 }, forceNew: true, reconnection: false, timeout: 10_000 });
    s.once('connect', () => {
      s.disconnect();
      reject(new Error('the server accepted protocol version -1'));
    });
    s.once('connect_error', (err) => {
      s.disconnect();
      const version = err?.data?.protocolVersion;
      if (typeof version === 'number') resolve(version);
      else reject(new Error(`no protocol version in the refusal: ${err?.message}`));
    });
  });
}

/** Creates a room with own questions; resolves with the ack or a failure (refused, or no ack within the bound). */
async function openWithOwnQuestions(version, mode) {
  const s = io(base, { transports: ['websocket'], auth: { protocolVersion: version }, forceNew: true, reconnection: false, timeout: 10_000 });
  try {
    await new Promise((resolve, reject) => {
      s.once('connect', resolve);
      s.once('connect_error', reject);
    });
    const settings = {
      source: { kind: 'tasks', tasks: [{ family: 'chain', task: { expr: 'sin(x^2)', var: 'x' } }, { family: 'chain', task: { expr: 'exp(3*x)', var: 'x' } }] },
      questionCount: 2,
      secondsPerQuestion: 60,
      entryMode: 'layers',
      variants: 'same',
      speedScoring: true,
      leaderboardEvery: 1,
    };
    const started = performance.now();
    const res = await s.timeout(OWN_QUESTIONS_ACK_MS).emitWithAck('room:create', { mode, settings, ...(mode === 'party' ? { nickname: 'Check' } : {}) });
    const ms = Math.round(performance.now() - started);
    // A check leaves nothing behind: the room it made is ended at once.
    if (res?.ok) await s.timeout(5000).emitWithAck('host:command', { type: 'end' }).catch(() => null);
    return res?.ok && res.data.host?.settings?.source?.kind === 'tasks' ? { ok: true, ms } : { ok: false, detail: `${JSON.stringify(res).slice(0, 200)} after ${ms} ms` };
  } catch (err) {
    return { ok: false, detail: err instanceof Error ? err.message : String(err) };
  } finally {
    s.disconnect();
  }
}

const version = await protocolVersion().catch((err) => {
  check('the Socket.IO handshake names its protocol version', false, err.message);
  return null;
});
if (version !== null) {
  for (const mode of ['classroom', 'party']) {
    const opened = await openWithOwnQuestions(version, mode);
    check(`a ${mode} with own questions opens over Socket.IO${opened.ok ? ` (${opened.ms} ms)` : ''}`, opened.ok, opened.detail);
  }
  const after = JSON.parse((await get('/readyz')).body.toString('utf8') || '{}');
  check('/readyz reports own questions available', after.checks?.ownQuestions?.ok !== false, JSON.stringify(after.checks?.ownQuestions));
}

console.log(`production check: ${failed === 0 ? "all" : `${failed} of`} ${passed + failed} checks ${failed === 0 ? "ok" : "FAILED"}`);
process.exit(failed === 0 ? 0 : 1);
