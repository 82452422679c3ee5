/**
 * `arena serve [--port N] [--host H]`: runs the game server until SIGINT/SIGTERM. Port defaults to $PORT or
 * 3000, host to 0.0.0.0 (reachable from phones on the LAN), data directory to $ARENA_DATA_DIR or ./data.
 */
import { resolve } from 'node:path';
import { createArenaServer } from '../app';
import type { CliIo } from './io';
import { lanAddresses } from '../http/lan-origin';

const USAGE = 'usage: arena serve [--port N] [--host H]\n';

type Parsed = { ok: true; port: number; host: string } | { ok: false; message: string };

export function parseServeArgs(args: string[], env: Record<string, string | undefined>): Parsed {
  let port: number | undefined;
  let host = '0.0.0.0';
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = args[i + 1];
    if (flag === '--port' || flag === '--host') {
      if (value === undefined || value.startsWith('--')) return { ok: false, message: `${flag} needs a value` };
      i++;
      if (flag === '--host') {
        if (!/^[A-Za-z0-9.:-]{1,253}$/.test(value)) return { ok: false, message: `invalid host "${value}"` };
        host = value;
        continue;
      }
      const p = parsePort(value);
      if (p === null) return { ok: false, message: `invalid port "${value}" (0-65535)` };
      port = p;
      continue;
    }
    return { ok: false, message: `unknown option "${String(flag)}"` };
  }
  if (port === undefined) {
    const fromEnv = env.PORT === undefined || env.PORT === '' ? 3000 : parsePort(env.PORT);
    if (fromEnv === null) return { ok: false, message: `invalid PORT "${env.PORT}"` };
    port = fromEnv;
  }
  return { ok: true, port, host };
}

function parsePort(value: string): number | null {
  if (!/^\d{1,5}$/.test(value)) return null;
  const n = Number(value);
  return n <= 65535 ? n : null;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(USAGE);
    return 0;
  }
  const parsed = parseServeArgs(args, process.env);
  if (!parsed.ok) {
    io.stderr.write(`arena serve: ${parsed.message}\n${USAGE}`);
    return 2;
  }
  const dataDir = resolve(process.env.ARENA_DATA_DIR || './data');
  const server = await createArenaServer({ port: parsed.port, host: parsed.host, dataDir });
  io.stdout.write(`Chain Rule Arena listening on ${server.url} (data: ${dataDir})\n`);
  if (parsed.host === '0.0.0.0') {
    for (const ip of lanAddresses()) io.stdout.write(`  phones on this network: http://${ip}:${server.port}\n`);
  }
  await new Promise<void>((done) => {
    const stop = (): void => {
      // Clients are told the server is restarting and every room is on disk; never hang on the way out.
      setTimeout(() => process.exit(1), 10_000).unref();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  return 0;
}

