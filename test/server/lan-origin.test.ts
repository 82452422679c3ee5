import { describe, expect, it } from 'vitest';
import { isLoopbackHost, lanAddresses, lanOrigin } from '../../server/http/lan-origin';

describe('lanOrigin', () => {
  it('recognises loopback host headers with and without ports', () => {
    expect(isLoopbackHost('localhost:3000')).toBe(true);
    expect(isLoopbackHost('127.0.0.1:3000')).toBe(true);
    expect(isLoopbackHost('[::1]:3000')).toBe(true);
    expect(isLoopbackHost('192.168.1.23:3000')).toBe(false);
    expect(isLoopbackHost('arena.school.example')).toBe(false);
  });

  it('suggests nothing when the page was opened at a LAN address already', () => {
    expect(lanOrigin('192.168.1.23:3000', '0.0.0.0', 3000)).toBeNull();
  });

  it('suggests nothing when the server listens on loopback only (phones could not reach it)', () => {
    expect(lanOrigin('localhost:3000', '127.0.0.1', 3000)).toBeNull();
  });

  it('suggests the first LAN address with the port when opened over loopback on 0.0.0.0', () => {
    const first = lanAddresses()[0];
    const origin = lanOrigin('localhost:3000', '0.0.0.0', 3123);
    if (first === undefined) expect(origin).toBeNull();
    else expect(origin).toBe(`http://${first}:3123`);
  });
});
