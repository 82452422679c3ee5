/**
 * The service's configuration: every environment variable the server reads, in one zod schema, so a bad value
 * stops the start with a message that names the variable instead of surfacing later as odd behaviour.
 * `arena serve --help` prints `configHelp()`, generated from the same table, so the list cannot drift.
 */
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Express's `trust proxy`: off, every hop, a hop count, or addresses / subnets / names proxy-addr knows. */
export type TrustProxy = boolean | number | string[];

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const port = z
  .string()
  .regex(/^\d{1,5}$/, 'a whole number 0-65535')
  .transform(Number)
  .refine((n) => n <= 65535, 'a whole number 0-65535');

const positive = (max: number) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, `a positive number up to ${max}`)
    .transform(Number)
    .refine((n) => n > 0 && n <= max, `a positive number up to ${max}`);

const host = z.string().regex(/^[A-Za-z0-9.:-]{1,253}$/, 'a hostname or IP address (letters, digits, . : -)');

const trustProxy = z.string().transform((raw, ctx): TrustProxy => {
  const v = raw.trim().toLowerCase();
  if (v === '' || v === 'false' || v === 'off' || v === 'no') return false;
  if (v === 'true' || v === 'on' || v === 'yes') return true;
  if (/^\d{1,2}$/.test(v)) return Number(v);
  const parts = v.split(',').map((p) => p.trim());
  const bad = parts.find((p) => !PROXY_NAMES.has(p) && !isAddressOrSubnet(p));
  if (bad !== undefined) {
    ctx.addIssue({ code: 'custom', message: `"${bad.slice(0, 60)}" is not true/false, a hop count, an IP, a CIDR subnet or loopback/linklocal/uniquelocal` });
    return z.NEVER;
  }
  return parts;
});

function isAddressOrSubnet(p: string): boolean {
  const [addr = '', bits, extra] = p.split('/');
  if (extra !== undefined) return false;
  const family = isIP(addr);
  if (family === 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

const url = z.string().refine((s) => URL.canParse(s), 'a URL such as redis://host:6379');

const postgresUrl = z
  .string()
  .refine((s) => URL.canParse(s) && /^postgres(ql)?:$/.test(new URL(s).protocol), 'a URL such as postgres://user:password@host:5432/arena');

/** One row per variable: its schema over the raw string, the default (as a string, parsed like input) and help. */
const VARIABLES = {
  PORT: { schema: port, def: '3000', help: 'TCP port to listen on (0 = any free port); --port overrides' },
  HOST: { schema: host, def: '0.0.0.0', help: 'address to listen on; 0.0.0.0 lets phones on the LAN join; --host overrides' },
  ARENA_DATA_DIR: { schema: z.string().min(1), def: './data', help: 'directory for the SQLite file: live rooms, and finished games unless DATABASE_URL is set' },
  ARENA_CLIENT_DIR: { schema: z.string().min(1), def: '', help: 'built client to serve (default: dist/client of this install)' },
  LOG_LEVEL: { schema: z.enum(LOG_LEVELS), def: 'info', help: LOG_LEVELS.join(' | ') },
  LOG_FORMAT: { schema: z.enum(['auto', 'json', 'pretty']), def: 'auto', help: 'auto = readable on a terminal, JSON otherwise or when NODE_ENV=production' },
  NODE_ENV: { schema: z.enum(['development', 'production', 'test']), def: 'development', help: 'development | production | test' },
  TRUST_PROXY: {
    schema: trustProxy,
    def: 'false',
    help: 'behind a reverse proxy: true, a hop count (1), or proxy IPs/subnets (127.0.0.1,10.0.0.0/8, loopback); client addresses (rate limits, logs) come from X-Forwarded-For only then',
  },
  METRICS: { schema: z.enum(['on', 'off']), def: 'on', help: 'serve Prometheus metrics at /metrics' },
  READY_MAX_LAG_MS: { schema: positive(60_000), def: '1000', help: '/readyz fails for 10 s after the event loop stalled longer than this' },
  SHUTDOWN_TIMEOUT_MS: { schema: positive(600_000), def: '8000', help: 'after SIGTERM/SIGINT, exit anyway once this has passed' },
  LIMIT_SOCKET_EVENTS_PER_S: { schema: positive(10_000), def: '10', help: 'events per socket per second (sustained)' },
  LIMIT_SOCKET_BURST: { schema: positive(100_000), def: '30', help: 'events per socket in a burst' },
  LIMIT_ATTEMPTS_PER_S: { schema: positive(1_000), def: '0.2', help: 'failed joins / host claims / report downloads per address per second' },
  LIMIT_ATTEMPTS_BURST: { schema: positive(100_000), def: '10', help: 'failed attempts per address in a burst' },
  LIMIT_CONNECTIONS_PER_S: { schema: positive(100_000), def: '20', help: 'new socket connections per address per second (a school NAT is one address)' },
  LIMIT_CONNECTIONS_BURST: { schema: positive(1_000_000), def: '200', help: 'new socket connections per address in a burst' },
  REDIS_URL: { schema: url, def: '', help: 'cluster mode: several server processes share rooms, broadcasts and reconnects through this Redis (unset: one process)' },
  CLUSTER_LEASE_MS: { schema: positive(600_000), def: '3000', help: 'cluster: a room whose server died is taken over by another after at most this long' },
  CLUSTER_RENEW_MS: { schema: positive(600_000), def: '1000', help: 'cluster: how often a server renews the leases of its rooms (well under CLUSTER_LEASE_MS)' },
  DATABASE_URL: {
    schema: postgresUrl,
    def: '',
    help: 'PostgreSQL for finished games (reports), shared by every process of a cluster; migrated on start. Unset: SQLite in ARENA_DATA_DIR',
  },
} as const;

type Vars = typeof VARIABLES;
/** Variables whose default is '' may be missing: read those from `out` directly. */
type Parsed = { [K in keyof Vars]: z.output<Vars[K]['schema']> };

export interface Limits {
  socket: { capacity: number; perSecond: number };
  attempts: { capacity: number; perSecond: number };
  connections: { capacity: number; perSecond: number };
}

export interface ArenaConfig {
  port: number;
  host: string;
  dataDir: string;
  clientDir: string | undefined;
  logLevel: LogLevel;
  logFormat: 'json' | 'pretty';
  production: boolean;
  trustProxy: TrustProxy;
  metrics: boolean;
  readyMaxLagMs: number;
  shutdownTimeoutMs: number;
  limits: Limits;
  /** Cluster mode when set (server/cluster). */
  redisUrl: string | undefined;
  lease: { ttlMs: number; renewMs: number };
  /** PostgreSQL for finished games; undefined = SQLite in `dataDir`. */
  databaseUrl: string | undefined;
  /** Set but not used yet: logged as a warning at start. */
  reserved: string[];
}

export type ConfigResult = { ok: true; config: ArenaConfig } | { ok: false; message: string };

/**
 * Reads the configuration from `env`. `isTty` decides the `auto` log format. Empty values count as unset, the
 * way shells and compose files often pass them.
 */
export function loadConfig(env: Record<string, string | undefined>, isTty = false): ConfigResult {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(VARIABLES)) {
    const raw = env[name];
    const given = raw !== undefined && raw !== '';
    if (!given && spec.def === '') continue;
    const parsed = (spec.schema as z.ZodType).safeParse(given ? raw : spec.def);
    if (parsed.success) out[name] = parsed.data;
    else problems.push(`  ${name}=${JSON.stringify(String(raw).slice(0, 80))}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  if (problems.length === 0 && Number(out.CLUSTER_RENEW_MS) >= Number(out.CLUSTER_LEASE_MS)) {
    problems.push('  CLUSTER_RENEW_MS: must be shorter than CLUSTER_LEASE_MS, or leases lapse between renewals');
  }
  if (problems.length > 0) {
    return { ok: false, message: `invalid configuration:\n${problems.join('\n')}\n(run "arena serve --help" for every variable)` };
  }
  const v = out as Parsed;
  const production = v.NODE_ENV === 'production';
  const logFormat = v.LOG_FORMAT === 'auto' ? (isTty && !production ? 'pretty' : 'json') : v.LOG_FORMAT;
  return {
    ok: true,
    config: {
      port: v.PORT,
      host: v.HOST,
      dataDir: resolve(v.ARENA_DATA_DIR),
      clientDir: typeof out.ARENA_CLIENT_DIR === 'string' ? resolve(out.ARENA_CLIENT_DIR) : undefined,
      logLevel: v.LOG_LEVEL,
      logFormat,
      production,
      trustProxy: v.TRUST_PROXY,
      metrics: v.METRICS === 'on',
      readyMaxLagMs: v.READY_MAX_LAG_MS,
      shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS,
      limits: {
        socket: { capacity: v.LIMIT_SOCKET_BURST, perSecond: v.LIMIT_SOCKET_EVENTS_PER_S },
        attempts: { capacity: v.LIMIT_ATTEMPTS_BURST, perSecond: v.LIMIT_ATTEMPTS_PER_S },
        connections: { capacity: v.LIMIT_CONNECTIONS_BURST, perSecond: v.LIMIT_CONNECTIONS_PER_S },
      },
      redisUrl: typeof out.REDIS_URL === 'string' ? out.REDIS_URL : undefined,
      lease: { ttlMs: v.CLUSTER_LEASE_MS, renewMs: v.CLUSTER_RENEW_MS },
      databaseUrl: typeof out.DATABASE_URL === 'string' ? out.DATABASE_URL : undefined,
      reserved: [],
    },
  };
}

/** The environment variables with defaults and meaning, for `arena serve --help`. */
export function configHelp(): string {
  const names = Object.keys(VARIABLES) as Array<keyof Vars>;
  const width = Math.max(...names.map((n) => n.length)) + 2;
  const lines = names.map((name) => {
    const { def, help } = VARIABLES[name];
    const shown = def === '' ? '' : ` [default ${def}]`;
    return `  ${name.padEnd(width)}${help}${shown}`;
  });
  return `environment variables:\n${lines.join('\n')}\n`;
}
