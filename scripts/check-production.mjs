#!/usr/bin/env node
/**
 * `node scripts/check-production.mjs URL`: what a deployment must answer, checked against a running server
 * (CI after making the production folder; by hand after deploying). Waits up to 60 s for /readyz, then checks
 * a brotli-encoded hashed asset with a one-year immutable cache, index.html revalidated, the CSP, /metrics.
 * No dependencies: runs in a pruned production folder.
 */
import { request } from 'node:http';

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

console.log(`production check: ${failed === 0 ? "all" : `${failed} of`} ${passed + failed} checks ${failed === 0 ? "ok" : "FAILED"}`);
process.exit(failed === 0 ? 0 : 1);
