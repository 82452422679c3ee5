import { describe, expect, it } from 'vitest';
import { configHelp, loadConfig, type ArenaConfig } from '../../../server/config';

function config(env: Record<string, string>, tty = false): ArenaConfig {
  const r = loadConfig(env, tty);
  if (!r.ok) throw new Error(r.message);
  return r.config;
}

function refusal(env: Record<string, string>): string {
  const r = loadConfig(env);
  if (r.ok) throw new Error(`accepted ${JSON.stringify(env)}`);
  return r.message;
}

describe('service configuration', () => {
  it('has defaults for a laptop on the classroom LAN', () => {
    const c = config({});
    expect(c).toMatchObject({ port: 3000, host: '0.0.0.0', logLevel: 'info', logFormat: 'json', trustProxy: false, metrics: true, production: false });
    expect(c.dataDir).toMatch(/data$/);
    expect(c.clientDir).toBeUndefined();
    expect(c.limits.attempts).toEqual({ capacity: 10, perSecond: 0.2 });
    expect(c.reserved).toEqual([]);
  });

  it('treats empty values as unset', () => expect(config({ PORT: '', LOG_LEVEL: '' })).toMatchObject({ port: 3000, logLevel: 'info' }));

  it('is readable on a terminal and JSON in production', () => {
    expect(config({}, true).logFormat).toBe('pretty');
    expect(config({ NODE_ENV: 'production' }, true).logFormat).toBe('json');
    expect(config({ LOG_FORMAT: 'pretty', NODE_ENV: 'production' }).logFormat).toBe('pretty');
  });

  it.each([
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80 '],
    ['PORT', '3e3'],
    ['HOST', 'exa mple'],
    ['HOST', 'a;b'],
    ['LOG_LEVEL', 'loud'],
    ['LOG_FORMAT', 'xml'],
    ['NODE_ENV', 'prod'],
    ['TRUST_PROXY', 'everyone'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', '300.1.1.1'],
    ['TRUST_PROXY', '127.0.0.1/8/8'],
    ['METRICS', 'maybe'],
    ['READY_MAX_LAG_MS', '0'],
    ['LIMIT_SOCKET_BURST', 'many'],
    ['LIMIT_ATTEMPTS_PER_S', '-3'],
    ['SHUTDOWN_TIMEOUT_MS', '1e9'],
    ['REDIS_URL', 'not a url'],
    ['DATABASE_URL', 'not a url'],
    ['DATABASE_URL', 'mysql://db/arena'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    const message = refusal({ [name]: value });
    expect(message).toContain(`${name}=`);
    expect(message).toContain('arena serve --help');
  });

  it('lists every bad variable at once', () => {
    const message = refusal({ PORT: 'x', LOG_LEVEL: 'y' });
    expect(message).toContain('PORT=');
    expect(message).toContain('LOG_LEVEL=');
  });

  it('shows at most a bounded slice of a hostile value', () => {
    expect(refusal({ HOST: 'x'.repeat(10_000) }).length).toBeLessThan(500);
  });

  it.each([
    ['false', false],
    ['true', true],
    ['1', 1],
    ['loopback', ['loopback']],
    ['127.0.0.1, 10.0.0.0/8, ::1, fd00::/8', ['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8']],
  ])('reads TRUST_PROXY=%s', (raw, expected) => expect(config({ TRUST_PROXY: raw }).trustProxy).toEqual(expected));

  it('reads the limits', () => {
    const c = config({ LIMIT_SOCKET_EVENTS_PER_S: '5', LIMIT_SOCKET_BURST: '12', LIMIT_CONNECTIONS_BURST: '1000' });
    expect(c.limits.socket).toEqual({ capacity: 12, perSecond: 5 });
    expect(c.limits.connections.capacity).toBe(1000);
  });

  it('uses REDIS_URL and DATABASE_URL: nothing is reserved any more', () => {
    expect(config({ REDIS_URL: 'redis://cache:6379', DATABASE_URL: 'postgres://db/arena' }).reserved).toEqual([]);
  });

  it('turns cluster mode on with REDIS_URL, with lease timings that renew before they lapse', () => {
    const c = config({ REDIS_URL: 'redis://cache:6379', CLUSTER_LEASE_MS: '2000', CLUSTER_RENEW_MS: '500' });
    expect(c.redisUrl).toBe('redis://cache:6379');
    expect(c.lease).toEqual({ ttlMs: 2000, renewMs: 500 });
    expect(config({}).redisUrl).toBeUndefined();
    const bad = loadConfig({ CLUSTER_LEASE_MS: '1000', CLUSTER_RENEW_MS: '1000' });
    expect(bad.ok === false && bad.message).toContain('CLUSTER_RENEW_MS');
  });

  it('takes DATABASE_URL (postgres:// or postgresql://) as the report database; unset means SQLite', () => {
    expect(config({ DATABASE_URL: 'postgres://arena:pw@db:5432/arena' }).databaseUrl).toBe('postgres://arena:pw@db:5432/arena');
    expect(config({ DATABASE_URL: 'postgresql://db/arena' }).databaseUrl).toBe('postgresql://db/arena');
    expect(config({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
    expect(config({ DATABASE_URL: 'postgres://db/arena' }).reserved).toEqual([]);
  });

  it('lists every variable it reads in the help', () => {
    const help = configHelp();
    for (const name of ['PORT', 'HOST', 'ARENA_DATA_DIR', 'ARENA_CLIENT_DIR', 'LOG_LEVEL', 'LOG_FORMAT', 'NODE_ENV', 'TRUST_PROXY', 'METRICS', 'READY_MAX_LAG_MS', 'SHUTDOWN_TIMEOUT_MS', 'LIMIT_SOCKET_EVENTS_PER_S', 'LIMIT_SOCKET_BURST', 'LIMIT_ATTEMPTS_PER_S', 'LIMIT_ATTEMPTS_BURST', 'LIMIT_CONNECTIONS_PER_S', 'LIMIT_CONNECTIONS_BURST', 'REDIS_URL', 'CLUSTER_LEASE_MS', 'CLUSTER_RENEW_MS', 'DATABASE_URL']) {
      expect(help).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
  });
});
