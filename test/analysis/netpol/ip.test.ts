import { formatAddress, formatRange, parseCidr, parseIpv4, parseIpv6, V6_BASE } from '../../../src/analysis/netpol/ip';

describe('parseCidr', () => {
  test.each([
    ['10.0.0.0/8', '10.0.0.0-10.255.255.255'],
    ['0.0.0.0/0', '0.0.0.0-255.255.255.255'],
    ['192.168.1.7/32', '192.168.1.7-192.168.1.7'],
    ['10.1.2.3/16', '10.1.0.0-10.1.255.255'],
    ['2001:db8::/126', '2001:db8::-2001:db8::3'],
    ['::ffff:10.0.0.0/120', '::ffff:a00:0-::ffff:a00:ff'],
    ['::/0', '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
  ])('%s', (text, range) => {
    const parsed = parseCidr(text);
    expect(parsed.ok && formatRange(parsed.cidr.range)).toBe(range);
  });

  test.each(['A', '10.0.0.0', '10.0.0.0/33', '256.0.0.0/8', '01.2.3.4/8', '10.0.0/8', '2001:db8::/129', '1:2:3:4:5:6:7:8:9/64', '1::2::3/64', 42])('rejects %s', (text) => {
    expect(parseCidr(text).ok).toBe(false);
  });

  test('non-canonical blocks (host bits set) are accepted and marked', () => {
    const parsed = parseCidr('10.1.2.3/8');
    expect(parsed.ok && parsed.cidr.canonical).toBe(false);
  });
});

describe('addresses', () => {
  test('IPv4', () => {
    expect(parseIpv4('1.2.3.4')).toBe(0x01020304n);
    expect(parseIpv4('1.2.3')).toBeUndefined();
    expect(formatAddress(0xc0a80001n)).toBe('192.168.0.1');
  });

  test('IPv6 compression', () => {
    expect(formatAddress(V6_BASE + (parseIpv6('2001:0db8:0000:0000:0000:0000:0000:0001') ?? 0n))).toBe('2001:db8::1');
    expect(formatAddress(V6_BASE)).toBe('::');
    expect(formatAddress(V6_BASE + 1n)).toBe('::1');
    expect(parseIpv6('fe80::1:2')).toBe((0xfe80n << 112n) | (1n << 16n) | 2n);
  });
});
