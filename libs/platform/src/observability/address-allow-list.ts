import { BlockList, isIP } from 'node:net';

/** The IPv4 address inside an IPv4-mapped IPv6 one (`::ffff:127.0.0.1`), else the address itself. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

/** A list of networks in CIDR notation (`10.0.0.0/8`, `::1/128`; a bare address is one host). */
export class AddressAllowList {
  private readonly list = new BlockList();
  readonly empty: boolean;

  /** Throws a configuration error naming `setting` for an entry that is not a network. */
  constructor(networks: readonly string[], setting: string) {
    for (const entry of networks) {
      const [address, prefixText, extra] = entry.split('/');
      const family = isIP(address);
      const max = family === 4 ? 32 : 128;
      const prefix = prefixText === undefined ? max : Number(prefixText);
      if (!family || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > max)
        throw new Error(`Configuration ${setting}: "${entry}" is not an address or a CIDR network`);
      this.list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
    }
    this.empty = networks.length === 0;
  }

  allows(address: string | undefined | null): boolean {
    if (!address) return false;
    const plain = plainAddress(address.trim());
    const family = isIP(plain);
    return family !== 0 && this.list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  }
}
