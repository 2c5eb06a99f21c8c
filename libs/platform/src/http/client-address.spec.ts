import { clientAddressKey } from './client-address';

describe('clientAddressKey', () => {
  it('counts an IPv4 address alone, and an IPv4-mapped IPv6 address as its IPv4 address', () => {
    expect(clientAddressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey(null)).toBe('unknown');
  });

  it('groups IPv6 addresses by their /64 (or the prefix configured), however they are written', () => {
    const key = clientAddressKey('2001:db8:1:2:3:4:5:6');
    expect(key).toBe('2001:db8:1:2:0:0:0:0/64');
    expect(clientAddressKey('2001:0DB8:0001:0002:ffff::1')).toBe(key);
    expect(clientAddressKey('2001:db8:1:2::1.2.3.4')).toBe(key);
    expect(clientAddressKey('2001:db8:1:3::1')).not.toBe(key);
    expect(clientAddressKey('2001:db8:1:2:3:4:5:6', 48)).toBe('2001:db8:1:0:0:0:0:0/48');
    expect(clientAddressKey('2001:db8:1:2:3:4:5:6', 60)).toBe('2001:db8:1:0:0:0:0:0/60');
    expect(clientAddressKey('2001:db8:1:1f:3:4:5:6', 60)).toBe('2001:db8:1:10:0:0:0:0/60');
    expect(clientAddressKey('2001:db8:1:2:3:4:5:6', 128)).toBe('2001:db8:1:2:3:4:5:6/128');
    expect(clientAddressKey('fe80::1%eth0')).toBe('fe80:0:0:0:0:0:0:0/64');
  });
});
