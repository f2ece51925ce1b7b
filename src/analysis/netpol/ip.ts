/**
 * IP addresses and CIDR blocks as interval sets over one numeric line: IPv4 addresses occupy
 * [0, 2^32) and IPv6 addresses follow from 2^32 on, so one canonical interval set holds both
 * families and never mixes them up.
 */
import { BIGINT_SCALAR, contains, equals, intersect, isSubset, normalize, subtract, union, type Interval, type Intervals } from './intervals';

export const V4_SIZE = 1n << 32n;
export const V6_BASE = V4_SIZE;
export const V6_SIZE = 1n << 128n;

export type IpFamily = 4 | 6;

export interface ParsedCidr {
  family: IpFamily;
  /** First and last address of the block on the unified line. */
  range: Interval<bigint>;
  prefix: number;
  /** False when the address has bits set beyond the prefix (`10.0.0.1/8`). */
  canonical: boolean;
}

export type CidrResult = { ok: true; cidr: ParsedCidr } | { ok: false; reason: string };

const V4_OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => V4_OCTET.test(p))) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

export function parseIpv6(text: string): bigint | undefined {
  let s = text;
  const tail: bigint[] = [];
  const lastColon = s.lastIndexOf(':');
  if (lastColon < 0) return undefined;
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(s.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail.push((v4 >> 16n) & 0xffffn, v4 & 0xffffn);
    s = s.slice(0, lastColon + 1);
    if (!s.endsWith('::')) s = s.slice(0, -1);
  }
  const double = s.indexOf('::');
  if (double !== s.lastIndexOf('::')) return undefined;
  const split = (part: string): string[] => (part === '' ? [] : part.split(':'));
  let groups: string[];
  if (double >= 0) {
    const left = split(s.slice(0, double));
    const right = split(s.slice(double + 2));
    const missing = 8 - tail.length - left.length - right.length;
    if (missing < 1) return undefined;
    groups = [...left, ...Array<string>(missing).fill('0'), ...right];
  } else {
    groups = split(s);
    if (groups.length + tail.length !== 8) return undefined;
  }
  if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return [...groups.map((g) => BigInt(parseInt(g, 16))), ...tail].reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** Parses `a.b.c.d/n` or `x:y::z/n` (the form Kubernetes validates). */
export function parseCidr(text: unknown): CidrResult {
  if (typeof text !== 'string') return { ok: false, reason: 'the CIDR is not a string' };
  const slash = text.indexOf('/');
  if (slash < 0) return { ok: false, reason: `"${text}" has no prefix length (expected e.g. 10.0.0.0/8)` };
  const address = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return { ok: false, reason: `"${text}" has an invalid prefix length` };
  const prefix = Number(prefixText);
  const v4 = parseIpv4(address);
  if (v4 !== undefined) {
    if (prefix > 32) return { ok: false, reason: `"${text}": an IPv4 prefix length is at most 32` };
    return { ok: true, cidr: block(4, v4, prefix, 32) };
  }
  const v6 = address.includes(':') ? parseIpv6(address) : undefined;
  if (v6 !== undefined) {
    if (prefix > 128) return { ok: false, reason: `"${text}": an IPv6 prefix length is at most 128` };
    return { ok: true, cidr: block(6, v6, prefix, 128) };
  }
  return { ok: false, reason: `"${text}" is not a valid IP address with a prefix length` };
}

function block(family: IpFamily, address: bigint, prefix: number, bits: number): ParsedCidr {
  const hostBits = BigInt(bits - prefix);
  const size = 1n << hostBits;
  const start = (address >> hostBits) << hostBits;
  const base = family === 4 ? 0n : V6_BASE;
  return { family, prefix, range: { start: base + start, end: base + start + size - 1n }, canonical: start === address };
}

/** A set of addresses (both families) as canonical intervals on the unified line. */
export class IpSet {
  static readonly EMPTY = new IpSet([]);
  static readonly ALL_V4 = new IpSet([{ start: 0n, end: V4_SIZE - 1n }]);
  static readonly ALL_V6 = new IpSet([{ start: V6_BASE, end: V6_BASE + V6_SIZE - 1n }]);
  static readonly ALL = IpSet.ALL_V4.union(IpSet.ALL_V6);

  readonly intervals: Intervals<bigint>;

  constructor(intervals: Intervals<bigint>) {
    this.intervals = normalize(intervals, BIGINT_SCALAR);
  }

  static of(range: Interval<bigint>): IpSet {
    return new IpSet([range]);
  }

  isEmpty(): boolean {
    return this.intervals.length === 0;
  }

  union(other: IpSet): IpSet {
    return new IpSet(union(this.intervals, other.intervals, BIGINT_SCALAR));
  }

  intersect(other: IpSet): IpSet {
    return new IpSet(intersect(this.intervals, other.intervals));
  }

  subtract(other: IpSet): IpSet {
    return new IpSet(subtract(this.intervals, other.intervals, BIGINT_SCALAR));
  }

  isSubsetOf(other: IpSet): boolean {
    return isSubset(this.intervals, other.intervals, BIGINT_SCALAR);
  }

  equals(other: IpSet): boolean {
    return equals(this.intervals, other.intervals);
  }

  has(address: bigint): boolean {
    return contains(this.intervals, address);
  }

  /** `0.0.0.0-9.255.255.255,11.0.0.0-255.255.255.255` style text. */
  toString(): string {
    return this.intervals.map(formatRange).join(',');
  }
}

export function familyOf(address: bigint): IpFamily {
  return address < V6_BASE ? 4 : 6;
}

export function formatAddress(address: bigint): string {
  if (familyOf(address) === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((address >> shift) & 255n)).join('.');
  }
  const v = address - V6_BASE;
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) => Number((v >> shift) & 0xffffn));
  // RFC 5952: compress the longest run (length >= 2) of zero groups.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** An interval as netpol-analyzer prints it: `first-last`, even for a single address. */
export function formatRange(range: Interval<bigint>): string {
  return `${formatAddress(range.start)}-${formatAddress(range.end)}`;
}

/**
 * The disjoint pieces that a list of address sets induces on `universe`: maximal intervals on
 * which membership in every input set is constant (netpol-analyzer's "disjoint ip-blocks").
 */
export function disjointPieces(sets: readonly IpSet[], universe: IpSet): Interval<bigint>[] {
  const cuts = new Set<bigint>();
  for (const range of universe.intervals) {
    cuts.add(range.start);
    cuts.add(range.end + 1n);
  }
  for (const set of sets) {
    for (const range of set.intervals) {
      cuts.add(range.start);
      cuts.add(range.end + 1n);
    }
  }
  const points = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: Interval<bigint>[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const piece = { start: points[i], end: points[i + 1] - 1n };
    if (universe.has(piece.start)) out.push(piece);
  }
  return out;
}
