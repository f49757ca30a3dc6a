// Who sent a request, as far as the server can know: the connection's peer, or, when that peer is one of
// the reverse proxies named in PAYUNG_TRUSTED_PROXIES, the client that proxy reports. Forwarded headers
// from anyone else are the client's own words and are dropped: they would let a client pick the address
// that the sign-in limit counts and the audit log records, or claim https.
import net from 'node:net';

/** Headers a client could use to speak for a proxy. */
const FORWARDED_HEADERS = ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port', 'forwarded', 'x-real-ip'];

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) is 127.0.0.1. */
export function normalizeAddress(address) {
  const text = String(address ?? '').trim();
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(text) ? text.slice(7) : text;
}

/**
 * PAYUNG_TRUSTED_PROXIES: addresses or CIDR ranges separated by commas (`10.0.0.5, 192.168.0.0/24, ::1`).
 * Empty (the default): no proxy, every forwarded header is ignored. A malformed entry stops the start.
 */
export function parseTrustedProxies(text) {
  const list = new net.BlockList();
  const entries = String(text ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = net.isIP(address ?? '');
    const prefix = bits === undefined ? null : Number(bits);
    if (!family || extra !== undefined || (prefix !== null && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= (family === 4 ? 32 : 128)))) {
      throw new Error(`PAYUNG_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.5 or 10.0.0.0/24)`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === null) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return { list, size: entries.length };
}

function isTrusted(trusted, address) {
  const family = net.isIP(address);
  return family !== 0 && trusted.size > 0 && trusted.list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const headerText = (value) => (Array.isArray(value) ? value.join(',') : (value ?? ''));

/**
 * The client's address, whether the request reached the proxy over https, and the host it asked for.
 * X-Forwarded-For is read from the right: each trusted proxy appends the address it saw, so the first
 * entry from the right that is not a trusted proxy is the client; anything left of it the client wrote.
 */
export function resolveForwarded({ peer, encrypted, headers, trusted }) {
  const direct = normalizeAddress(peer);
  if (!isTrusted(trusted, direct)) return { address: direct, https: Boolean(encrypted), host: null };
  let address = direct;
  const hops = headerText(headers['x-forwarded-for']).split(',').map(normalizeAddress).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    // Not an address: nothing further left can be believed; the last proxy is all we know.
    if (net.isIP(hop) === 0) break;
    address = hop;
    if (!isTrusted(trusted, hop)) break;
  }
  // The proxy sets (not appends) X-Forwarded-Proto and X-Forwarded-Host: their first value is its own.
  const proto = headerText(headers['x-forwarded-proto']).split(',')[0]?.trim().toLowerCase();
  const host = headerText(headers['x-forwarded-host']).split(',')[0]?.trim() || null;
  return { address, https: proto ? proto === 'https' : Boolean(encrypted), host };
}

/**
 * Rewrites a Node request's forwarded headers to what was established: X-Forwarded-For is the one client
 * address, X-Forwarded-Proto http or https, X-Forwarded-Host only from a trusted proxy. Everything
 * downstream (Next.js, next-auth, server/http/client-address.ts) then reads honest headers.
 */
export function establishForwarded(request, trusted) {
  const { address, https, host } = resolveForwarded({
    peer: request.socket.remoteAddress,
    encrypted: request.socket.encrypted,
    headers: request.headers,
    trusted,
  });
  for (const name of FORWARDED_HEADERS) delete request.headers[name];
  if (address) request.headers['x-forwarded-for'] = address;
  request.headers['x-forwarded-proto'] = https ? 'https' : 'http';
  if (host) request.headers['x-forwarded-host'] = host;
}
