import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../server/cli/serve';

describe('parseServeArgs', () => {
  it('defaults to port 3000 on all interfaces', () => expect(parseServeArgs([], {})).toEqual({ ok: true, port: 3000, host: '0.0.0.0' }));
  it('takes the port from PORT', () => expect(parseServeArgs([], { PORT: '8080' })).toMatchObject({ port: 8080 }));
  it('prefers --port over PORT', () => expect(parseServeArgs(['--port', '4000'], { PORT: '8080' })).toMatchObject({ port: 4000 }));
  it('takes --host', () => expect(parseServeArgs(['--host', '127.0.0.1'], {})).toMatchObject({ host: '127.0.0.1' }));
  it('refuses a port out of range', () => expect(parseServeArgs(['--port', '70000'], {}).ok).toBe(false));
  it('refuses a non-numeric port', () => expect(parseServeArgs(['--port', '12ab'], {}).ok).toBe(false));
  it('refuses a flag without its value', () => expect(parseServeArgs(['--port'], {}).ok).toBe(false));
  it('refuses an unknown option', () => expect(parseServeArgs(['--verbose'], {}).ok).toBe(false));
  it('refuses a bad PORT', () => expect(parseServeArgs([], { PORT: 'x' }).ok).toBe(false));
});
