import { describe, expect, it } from 'vitest';
import { parseTrustedProxies, resolveForwarded } from '../../scripts/forwarded.mjs';

const none = parseTrustedProxies('');
const proxies = parseTrustedProxies('10.0.0.5, 192.168.1.0/24, ::1');

describe('resolveForwarded', () => {
  it('ignores every forwarded header when no proxy is configured', () => {
    const headers = { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' };
    expect(resolveForwarded({ peer: '::ffff:198.51.100.1', headers, trusted: none })).toEqual({
      address: '198.51.100.1',
      https: false,
      host: null,
    });
  });

  it('ignores them from a peer that is not a configured proxy', () => {
    const headers = { 'x-forwarded-for': '127.0.0.1', 'x-forwarded-proto': 'https' };
    expect(resolveForwarded({ peer: '10.0.0.6', headers, trusted: proxies })).toEqual({ address: '10.0.0.6', https: false, host: null });
  });

  it('takes the first address from the right that is not a proxy', () => {
    const headers = { 'x-forwarded-for': '1.1.1.1, 203.0.113.7, 192.168.1.20', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'payung.example' };
    expect(resolveForwarded({ peer: '10.0.0.5', headers, trusted: proxies })).toEqual({
      address: '203.0.113.7',
      https: true,
      host: 'payung.example',
    });
  });

  it('stops at an entry that is not an address', () => {
    expect(resolveForwarded({ peer: '::1', headers: { 'x-forwarded-for': '203.0.113.7, unknown' }, trusted: proxies }).address).toBe('::1');
  });

  it('refuses a malformed setting', () => {
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/PAYUNG_TRUSTED_PROXIES: "10.0.0.0\/33"/);
    expect(() => parseTrustedProxies('proxy.local')).toThrow(/not an IP address/);
  });
});
