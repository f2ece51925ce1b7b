/**
 * Connection sets: for each protocol NetworkPolicy controls (TCP, UDP, SCTP) a canonical set of
 * port intervals in 1–65535, plus port names that could not be resolved (kept for exposure
 * output, where the destination pod is unknown). Sets are interned: equal sets are the same
 * object, so comparisons are identity checks and results can be cached by id.
 */
import { equals, intersect, isSubset, normalize, NUMBER_SCALAR, subtract, union, type Interval, type Intervals } from './intervals';

export const PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const MIN_PORT = 1;
export const MAX_PORT = 65535;
const FULL: Intervals<number> = [{ start: MIN_PORT, end: MAX_PORT }];

export function isProtocol(value: unknown): value is Protocol {
  return value === 'TCP' || value === 'UDP' || value === 'SCTP';
}

type PerProtocol<T> = readonly [T, T, T];

export class ConnSet {
  private static readonly interned = new Map<string, ConnSet>();
  private static counter = 0;

  static readonly NONE = ConnSet.make([[], [], []], [[], [], []]);
  static readonly ALL = ConnSet.make([FULL, FULL, FULL], [[], [], []]);

  /** Unique per distinct set (interned). */
  readonly id: number;
  readonly key: string;

  private constructor(
    readonly ports: PerProtocol<Intervals<number>>,
    readonly names: PerProtocol<readonly string[]>,
    key: string,
  ) {
    this.id = ConnSet.counter++;
    this.key = key;
  }

  private static make(ports: PerProtocol<Intervals<number>>, names: PerProtocol<readonly string[]>): ConnSet {
    const cleanNames = names.map((list, i) => (isFull(ports[i]) ? [] : [...new Set(list)].sort())) as unknown as PerProtocol<readonly string[]>;
    const key = ports.map((p, i) => `${p.map((r) => `${r.start}-${r.end}`).join(',')}|${cleanNames[i].join(',')}`).join(';');
    const existing = ConnSet.interned.get(key);
    if (existing !== undefined) return existing;
    const created = new ConnSet(ports, cleanNames, key);
    ConnSet.interned.set(key, created);
    return created;
  }

  /** Ports `start..end` of one protocol. */
  static ports(protocol: Protocol, start = MIN_PORT, end = MAX_PORT): ConnSet {
    const lo = Math.max(MIN_PORT, start);
    const hi = Math.min(MAX_PORT, end);
    const ports: Intervals<number>[] = [[], [], []];
    if (lo <= hi) ports[PROTOCOLS.indexOf(protocol)] = [{ start: lo, end: hi }];
    return ConnSet.make(ports as unknown as PerProtocol<Intervals<number>>, [[], [], []]);
  }

  static named(protocol: Protocol, name: string): ConnSet {
    const names: string[][] = [[], [], []];
    names[PROTOCOLS.indexOf(protocol)] = [name];
    return ConnSet.make([[], [], []], names as unknown as PerProtocol<readonly string[]>);
  }

  isEmpty(): boolean {
    return this === ConnSet.NONE;
  }

  isAll(): boolean {
    return this === ConnSet.ALL;
  }

  hasNamedPorts(): boolean {
    return this.names.some((n) => n.length > 0);
  }

  union(other: ConnSet): ConnSet {
    if (this === other || other.isEmpty() || this.isAll()) return this;
    if (this.isEmpty() || other.isAll()) return other;
    return ConnSet.make(
      mapProtocols((i) => union(this.ports[i], other.ports[i], NUMBER_SCALAR)),
      mapProtocols((i) => [...this.names[i], ...other.names[i]]),
    );
  }

  intersect(other: ConnSet): ConnSet {
    if (this === other || other.isAll()) return this;
    if (this.isAll()) return other;
    if (this.isEmpty() || other.isEmpty()) return ConnSet.NONE;
    return ConnSet.make(
      mapProtocols((i) => intersect(this.ports[i], other.ports[i])),
      mapProtocols((i) => [
        ...this.names[i].filter((n) => isFull(other.ports[i]) || other.names[i].includes(n)),
        ...(isFull(this.ports[i]) ? other.names[i] : []),
      ]),
    );
  }

  subtract(other: ConnSet): ConnSet {
    if (other.isEmpty()) return this;
    if (this === other || other.isAll()) return ConnSet.NONE;
    return ConnSet.make(
      mapProtocols((i) => subtract(this.ports[i], other.ports[i], NUMBER_SCALAR)),
      mapProtocols((i) => (isFull(other.ports[i]) ? [] : this.names[i].filter((n) => !other.names[i].includes(n)))),
    );
  }

  /** Every connection of this set is in `other` (named ports compare by name). */
  isSubsetOf(other: ConnSet): boolean {
    if (other.isAll() || this.isEmpty()) return true;
    return PROTOCOLS.every((_p, i) => isSubset(this.ports[i], other.ports[i], NUMBER_SCALAR) && this.names[i].every((n) => isFull(other.ports[i]) || other.names[i].includes(n)));
  }

  allows(protocol: Protocol, port: number): boolean {
    const i = PROTOCOLS.indexOf(protocol);
    return this.ports[i].some((r) => r.start <= port && port <= r.end);
  }

  /** netpol-analyzer's text: `All Connections`, `No Connections`, `TCP 80,8080,UDP 53`, `TCP http`. */
  toString(): string {
    if (this.isAll()) return 'All Connections';
    if (this.isEmpty()) return 'No Connections';
    const parts: string[] = [];
    PROTOCOLS.forEach((protocol, i) => {
      const items = [...this.ports[i].map(formatPortRange), ...this.names[i]];
      if (items.length > 0) parts.push(`${protocol} ${items.join(',')}`);
    });
    return parts.join(',');
  }

  /** The complement within all protocols and ports (named ports are dropped). */
  complement(): ConnSet {
    return ConnSet.ALL.subtract(ConnSet.make(this.ports, [[], [], []]));
  }

  equals(other: ConnSet): boolean {
    return this === other || (equalPorts(this.ports, other.ports) && this.key === other.key);
  }
}

function mapProtocols<T>(f: (index: number) => T): PerProtocol<T> {
  return [f(0), f(1), f(2)];
}

function isFull(set: Intervals<number>): boolean {
  return set.length === 1 && set[0].start <= MIN_PORT && set[0].end >= MAX_PORT;
}

function equalPorts(a: PerProtocol<Intervals<number>>, b: PerProtocol<Intervals<number>>): boolean {
  return equals(a[0], b[0]) && equals(a[1], b[1]) && equals(a[2], b[2]);
}

function formatPortRange(range: Interval<number>): string {
  return range.start === range.end ? String(range.start) : `${range.start}-${range.end}`;
}

/** Union of many sets (empty input gives NONE). */
export function unionAll(sets: Iterable<ConnSet>): ConnSet {
  let out = ConnSet.NONE;
  for (const s of sets) out = out.union(s);
  return out;
}

/** Port intervals as a canonical list (exported for tests). */
export function portIntervals(items: Intervals<number>): Interval<number>[] {
  return normalize(items, NUMBER_SCALAR);
}
