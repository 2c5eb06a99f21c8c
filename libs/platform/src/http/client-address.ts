import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key a per-address limit counts a client under: an IPv4 address alone, an IPv6 address by its
 * network of `ipv6Prefix` bits (one subscriber usually holds a whole /64, and could otherwise take a
 * new address for every request). IPv4-mapped IPv6 addresses count as their IPv4 address.
 */
export function clientAddressKey(ip: string | null | undefined, ipv6Prefix = 64): string {
  if (!ip) return 'unknown';
  const address = ip.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (!isIPv6(address)) return address;
  const groups = ipv6Groups(address);
  const bits = Math.min(128, Math.max(0, ipv6Prefix));
  const kept = groups.map((group, i) => {
    const from = i * 16;
    if (from >= bits) return 0;
    if (from + 16 <= bits) return group;
    return group & ((0xffff << (16 - (bits - from))) & 0xffff);
  });
  return `${kept.map((g) => g.toString(16)).join(':')}/${bits}`;
}

/** The eight 16-bit groups of a valid IPv6 address (with `::` and a dotted IPv4 tail expanded). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right].map((g) =>
    parseInt(g, 16),
  );
}
