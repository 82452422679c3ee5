import { describe, expect, it } from 'vitest';
import { isLoopbackHost, lanAddresses, lanOrigin, type Interfaces } from '../../server/http/lan-origin';

/** One IPv4 entry of a made-up interface table. */
const nic = (address: string, internal = false) => ({ address, netmask: '255.255.255.0', family: 'IPv4' as const, mac: '00:00:00:00:00:00', internal, cidr: `${address}/24` });

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
    // Made-up interfaces, so the test does not depend on the network of the machine running it.
    const laptop: Interfaces = {
      lo: [nic('127.0.0.1', true)],
      eth0: [nic('203.0.113.7')],
      wlan0: [nic('192.168.1.23'), { ...nic('fe80::1'), family: 'IPv6', scopeid: 0 }],
    };
    const first = lanAddresses(laptop)[0];
    expect(lanAddresses(laptop)).toEqual(['192.168.1.23', '203.0.113.7']);
    expect(lanOrigin('localhost:3000', '0.0.0.0', 3123, laptop)).toBe(`http://${first}:3123`);
    expect(lanOrigin('localhost:3000', '::', 3123, laptop)).toBe('http://192.168.1.23:3123');
  });

  it('suggests nothing when the machine has no LAN address', () => {
    const offline: Interfaces = { lo: [nic('127.0.0.1', true)] };
    expect(lanAddresses(offline)).toEqual([]);
    expect(lanOrigin('localhost:3000', '0.0.0.0', 3123, offline)).toBeNull();
  });
});
