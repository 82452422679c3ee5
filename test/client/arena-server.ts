/** Starts the real game server (the composition root) on 127.0.0.1:0, serving the built client. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArenaServer } from '../../server/app';
import { buildClient, DIST_CLIENT } from './browser';

export interface RunningArena {
  url: string;
  close(): Promise<void>;
}

/** The server with a throwaway data directory, removed on close; it serves the run's one client build. */
export async function startArena(): Promise<RunningArena> {
  await buildClient();
  const dataDir = mkdtempSync(join(tmpdir(), 'arena-client-test-'));
  const handle = await createArenaServer({ port: 0, host: '127.0.0.1', dataDir, clientDir: DIST_CLIENT });
  return {
    url: handle.url,
    async close() {
      await handle.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
