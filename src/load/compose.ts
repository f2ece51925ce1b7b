/**
 * The fast path: js-yaml's event parser gives source offsets for every scalar and collection;
 * this module builds plain JavaScript values from those events in one pass, resolving scalars
 * the way Kubernetes does (YAML 1.1, see yaml11.ts) and recording the source range of every
 * key and value. Positions live on a symbol-keyed property of each mapping and sequence, so the
 * values stay plain data for validators and rules while any field path can be located.
 */
import { EVENT_ID, SCALAR_STYLE, COLLECTION_STYLE, getScalarValue, parseEvents } from 'js-yaml';
import type { Event, ScalarEvent } from 'js-yaml';
import { resolvePlainScalar, type ScalarValue } from './yaml11';

/**
 * Positions of each composed mapping and sequence, on a symbol-keyed property (invisible to
 * validators, deep-equality and JSON). A large run composes hundreds of thousands of collections,
 * so each keeps one flat array of exactly its size instead of objects and growable arrays:
 * a sequence `[start, end, itemStart, itemEnd, …]`, a mapping
 * `[start, end, key, keyStart, keyEnd, valueStart, valueEnd, …]`.
 */
const POSITIONS = Symbol('kubevet.positions');
type StoredPositions = readonly (number | string)[];
type Positioned = { [POSITIONS]?: StoredPositions };

/** Entries per key of a mapping's stored positions, after the collection's start and end. */
export const MAP_STRIDE = 5;
/** Entries per item of a sequence's stored positions. */
export const SEQ_STRIDE = 2;

/** The stored positions of a composed collection (layout above), or undefined. */
export function storedPositions(value: object): StoredPositions | undefined {
  return (value as Positioned)[POSITIONS];
}

/**
 * The positions of every collection in a composed value as numbers, depth first, for another
 * thread (symbol-keyed properties do not survive structured cloning). Per collection: start and
 * end (start -1: no positions, and nothing else follows), then for a mapping a flag and, when the
 * flag is 1, its keys' order as indexes into Object.keys (a clone lists array-index keys first,
 * unlike the source order), then keyStart, keyEnd, valueStart, valueEnd per key; for a sequence
 * start and end per item.
 */
export function flattenPositions(value: unknown, out: NumberSink): void {
  if (value === null || typeof value !== 'object') return;
  const stored = storedPositions(value);
  if (stored === undefined) {
    out.add(-1);
    out.add(-1);
  } else if (Array.isArray(value)) {
    for (const n of stored) out.add(n as number);
  } else {
    const keys = Object.keys(value);
    let sameOrder = stored.length === 2 + keys.length * MAP_STRIDE;
    for (let k = 0; sameOrder && k < keys.length; k++) sameOrder = stored[2 + k * MAP_STRIDE] === keys[k];
    out.add(stored[0] as number);
    out.add(stored[1] as number);
    out.add(sameOrder ? 0 : 1);
    if (!sameOrder) {
      const at = new Map(keys.map((key, i) => [key, i]));
      for (let i = 2; i < stored.length; i += MAP_STRIDE) out.add(at.get(stored[i] as string) ?? -1);
      out.add(-2);
    }
    for (let i = 2; i < stored.length; i += MAP_STRIDE) for (let j = 1; j <= 4; j++) out.add(stored[i + j] as number);
  }
  if (Array.isArray(value)) for (const item of value) flattenPositions(item, out);
  else for (const key of Object.keys(value)) flattenPositions((value as Record<string, unknown>)[key], out);
}

/** Puts positions written by `flattenPositions` back on a structured clone of the value; returns where they end. */
export function restoreFlatPositions(value: unknown, flat: ArrayLike<number>, from: number): number {
  if (value === null || typeof value !== 'object') return from;
  let at = from;
  const start = flat[at++];
  const end = flat[at++];
  if (start >= 0) {
    if (Array.isArray(value)) {
      const stored = new Array<number>(2 + value.length * SEQ_STRIDE);
      stored[0] = start;
      stored[1] = end;
      for (let i = 2; i < stored.length; i++) stored[i] = flat[at++];
      (value as Positioned)[POSITIONS] = stored;
    } else {
      const keys = Object.keys(value);
      let order: number[] | undefined;
      if (flat[at++] === 1) {
        order = [];
        while (flat[at] !== -2) order.push(flat[at++]);
        at++;
      }
      const count = order === undefined ? keys.length : order.length;
      const stored = new Array<number | string>(2 + count * MAP_STRIDE);
      stored[0] = start;
      stored[1] = end;
      for (let k = 0; k < count; k++) {
        const o = 2 + k * MAP_STRIDE;
        stored[o] = order === undefined ? keys[k] : (keys[order[k]] ?? '');
        stored[o + 1] = flat[at++];
        stored[o + 2] = flat[at++];
        stored[o + 3] = flat[at++];
        stored[o + 4] = flat[at++];
      }
      (value as Positioned)[POSITIONS] = stored;
    }
  }
  if (Array.isArray(value)) for (const item of value) at = restoreFlatPositions(item, flat, at);
  else for (const key of Object.keys(value)) at = restoreFlatPositions((value as Record<string, unknown>)[key], flat, at);
  return at;
}

/** Positions of documents for another thread (see engine/parallel.ts). */
export const positionCodec = {
  flatten(values: readonly unknown[]): { flat: Int32Array; starts: Int32Array } {
    const sink = new NumberSink();
    const starts = new Int32Array(values.length);
    values.forEach((value, i) => {
      starts[i] = sink.length;
      flattenPositions(value, sink);
    });
    return { flat: sink.take(), starts };
  },
  restore(value: unknown, flat: Int32Array, from: number): void {
    restoreFlatPositions(value, flat, from);
  },
};

/** Where flattenPositions writes: a growing Int32Array (offsets are below 2^31: files are strings). */
export class NumberSink {
  private buffer = new Int32Array(1 << 16);
  length = 0;

  add(n: number): void {
    if (this.length === this.buffer.length) {
      const grown = new Int32Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.length++] = n;
  }

  /** The numbers written, in an array of their own. */
  take(): Int32Array {
    return this.buffer.slice(0, this.length);
  }
}

/** The positions of a composed collection as records (a copy: for tests and tools, not hot paths). */
export function positionsOf(value: object): MapPositions | SeqPositions | undefined {
  const stored = storedPositions(value);
  if (stored === undefined) return undefined;
  const start = stored[0] as number;
  const end = stored[1] as number;
  if (Array.isArray(value)) return { start, end, offsets: stored.slice(2) as number[] };
  const keys: string[] = [];
  const offsets: number[] = [];
  for (let i = 2; i < stored.length; i += MAP_STRIDE) {
    keys.push(stored[i] as string);
    offsets.push(stored[i + 1] as number, stored[i + 2] as number, stored[i + 3] as number, stored[i + 4] as number);
  }
  return { start, end, keys, offsets };
}

/** Source ranges of a mapping: `offsets` holds keyStart, keyEnd, valueStart, valueEnd per key. */
export interface MapPositions {
  start: number;
  end: number;
  keys: string[];
  offsets: number[];
}

/** Source ranges of a sequence: `offsets` holds start, end per item. */
export interface SeqPositions {
  start: number;
  end: number;
  offsets: number[];
}

/** A problem found while composing, in absolute offsets of the file. */
export interface ComposeProblem {
  ruleId: string;
  message: string;
  start: number;
  end: number;
  /** Absolute offset of a related place; `{relatedLine}` in the message names its line. */
  relatedOffset?: number;
}

export interface ComposedDocument {
  value: unknown;
  start: number;
  end: number;
  /** Whether some value in the document is null (`key:`, `~`, `null`); keys do not count. */
  hasNull: boolean;
}

export interface ComposeLimits {
  /** Maximum nesting of collections (the parser refuses deeper input). */
  maxDepth: number;
  /** Maximum number of nodes that aliases may expand to in one document. */
  maxAliasNodes: number;
}

export const DEFAULT_COMPOSE_LIMITS: ComposeLimits = { maxDepth: 1000, maxAliasNodes: 10_000 };

export class ComposeError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly ruleId = 'yaml/syntax',
  ) {
    super(message);
  }
}

const CORE_TAG_PREFIX = 'tag:yaml.org,2002:';

interface Frame {
  kind: 'map' | 'seq';
  value: Record<string, unknown> | unknown[];
  flow: boolean;
  start: number;
  lastEnd: number;
  nodes: number;
  anchor: string | undefined;
  /** Map frames: the key waiting for its value, with its range and whether it is `<<` (fields, not an object: one per key adds up). */
  pendingKey: string | undefined;
  pendingStart: number;
  pendingEnd: number;
  pendingMerge: boolean;
  /** Map frames: a collection used as a key (kept only to report it). */
  complexKey: boolean;
  merges: { value: unknown; start: number; end: number }[] | undefined;
  /**
   * Keys, offsets and sequence items collect in scratch arrays shared by every frame at the same
   * depth; closing the frame copies them into arrays of exactly the right size (an array grown by
   * push keeps room for 17 or more elements, which for 100,000 objects is hundreds of megabytes).
   */
  scratch: Scratch;
  keyCount: number;
  offsetCount: number;
  itemCount: number;
}

interface Scratch {
  keys: string[];
  offsets: number[];
  items: unknown[];
}

/**
 * Composes every document of `text` (one chunk of a file, starting at absolute `base`).
 * Throws ComposeError (or the parser's YAMLException) when the chunk is not valid YAML;
 * the caller then falls back to the diagnosing parser.
 */
export function composeDocuments(
  text: string,
  base: number,
  limits: ComposeLimits = DEFAULT_COMPOSE_LIMITS,
): { documents: ComposedDocument[]; problems: ComposeProblem[] } {
  const events = parseEvents(text, { maxDepth: limits.maxDepth });
  return new Composer(text, base, limits).run(events);
}

class Composer {
  private readonly documents: ComposedDocument[] = [];
  private readonly problems: ComposeProblem[] = [];
  private stack: Frame[] = [];
  private readonly scratchByDepth: Scratch[] = [];
  private anchors = new Map<string, { value: unknown; nodes: number }>();
  private aliasNodes = 0;
  private docValue: unknown = undefined;
  private docStart = -1;
  private docEnd = -1;
  private docHasNull = false;
  /** End of the chunk's previous document: a block scalar at a document's root has its header after it. */
  private previousDocumentEnd = 0;

  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly limits: ComposeLimits,
  ) {}

  run(events: Event[]): { documents: ComposedDocument[]; problems: ComposeProblem[] } {
    for (const event of events) {
      switch (event.type) {
        case EVENT_ID.DOCUMENT:
          this.startDocument();
          break;
        case EVENT_ID.MAPPING:
        case EVENT_ID.SEQUENCE:
          this.openCollection(event.type === EVENT_ID.MAPPING ? 'map' : 'seq', event.start, event.style, event.tagStart, event.tagEnd, event.anchorStart, event.anchorEnd);
          break;
        case EVENT_ID.SCALAR:
          this.scalar(event);
          break;
        case EVENT_ID.ALIAS:
          this.alias(event.anchorStart, event.anchorEnd);
          break;
        case EVENT_ID.POP:
          if (this.stack.length > 0) this.closeCollection();
          else this.endDocument();
          break;
      }
    }
    return { documents: this.documents, problems: this.problems };
  }

  private startDocument(): void {
    this.stack = [];
    this.anchors = new Map();
    this.aliasNodes = 0;
    this.docValue = undefined;
    this.docStart = -1;
    this.docEnd = -1;
    this.docHasNull = false;
  }

  private endDocument(): void {
    if (this.docStart >= 0) {
      this.documents.push({ value: this.docValue, start: this.base + this.docStart, end: this.base + this.docEnd, hasNull: this.docHasNull });
      this.previousDocumentEnd = this.docEnd;
    }
  }

  private openCollection(kind: 'map' | 'seq', start: number, style: number, tagStart: number, tagEnd: number, anchorStart: number, anchorEnd: number): void {
    if (tagStart >= 0) {
      const tag = this.text.slice(tagStart, tagEnd);
      const expected = kind === 'map' ? ['!!map', '!!omap', `!<${CORE_TAG_PREFIX}map>`] : ['!!seq', `!<${CORE_TAG_PREFIX}seq>`];
      if (tag !== '!' && !expected.includes(tag)) {
        this.problem('yaml/unknown-tag', `the tag \`${tag}\` means nothing to Kubernetes and is ignored; remove it`, tagStart, tagEnd);
      }
    }
    const depth = this.stack.length;
    const scratch = (this.scratchByDepth[depth] ??= { keys: [], offsets: [], items: [] });
    const frame: Frame = {
      kind,
      // A sequence gets its array when it closes (from the scratch items).
      value: kind === 'map' ? {} : EMPTY_ITEMS,
      flow: style === COLLECTION_STYLE.FLOW,
      start,
      lastEnd: start + 1,
      nodes: 1,
      anchor: anchorStart >= 0 ? this.text.slice(anchorStart, anchorEnd) : undefined,
      pendingKey: undefined,
      pendingStart: 0,
      pendingEnd: 0,
      pendingMerge: false,
      complexKey: false,
      merges: undefined,
      scratch,
      keyCount: 0,
      offsetCount: 0,
      itemCount: 0,
    };
    const parent = this.top();
    if (parent?.kind === 'map' && parent.pendingKey === undefined) {
      frame.complexKey = true;
    }
    this.stack.push(frame);
  }

  private closeCollection(): void {
    const frame = this.stack.pop() as Frame;
    let end = frame.lastEnd;
    if (frame.flow) {
      const closer = this.text.indexOf(frame.kind === 'map' ? '}' : ']', end);
      if (closer >= 0) end = closer + 1;
    }
    if (frame.kind === 'map') this.applyMerges(frame);
    if (frame.kind === 'seq') frame.value = frame.scratch.items.slice(0, frame.itemCount);
    (frame.value as Positioned)[POSITIONS] = this.storedPositions(frame, this.base + frame.start, this.base + end);
    if (frame.anchor !== undefined) this.anchors.set(frame.anchor, { value: frame.value, nodes: frame.nodes });
    if (frame.complexKey) {
      const parent = this.top() as Frame;
      this.problem('yaml/complex-key', 'a collection used as a mapping key cannot be converted to JSON; Kubernetes rejects it', frame.start, end);
      setPendingKey(parent, JSON.stringify(frame.value), frame.start, end, false);
      parent.lastEnd = end;
      return;
    }
    this.attach(frame.value, frame.start, end, frame.nodes);
  }

  private scalar(event: ScalarEvent): void {
    const { start, end } = this.scalarRange(event);
    const raw = event.fast ? this.text.slice(event.valueStart, event.valueEnd) : getScalarValue(this.text, event);
    const value = this.resolveScalar(event, raw);
    const anchor = event.anchorStart >= 0 ? this.text.slice(event.anchorStart, event.anchorEnd) : undefined;
    if (anchor !== undefined) this.anchors.set(anchor, { value, nodes: 1 });
    const parent = this.top();
    if (parent?.kind === 'map' && parent.pendingKey === undefined) {
      const merge = raw === '<<' && event.style === SCALAR_STYLE.PLAIN && event.tagStart < 0;
      setPendingKey(parent, keyString(value), start, end, merge);
      parent.lastEnd = end;
      if (event.style === SCALAR_STYLE.PLAIN && typeof value !== 'string' && value !== null && keyString(value) !== raw) {
        this.problem('yaml/implicit-type', `the key \`${raw}\` is read as the ${typeof value} ${String(value)} and becomes "${keyString(value)}"; quote it if you meant "${raw}"`, start, end);
      }
      return;
    }
    if (event.style === SCALAR_STYLE.PLAIN && typeof value === 'string') this.lintPlainScalar(value, start, end);
    if (value === null) this.docHasNull = true;
    this.attach(value, start, end, 1);
  }

  private alias(anchorStart: number, anchorEnd: number): void {
    const name = this.text.slice(anchorStart, anchorEnd);
    const target = this.anchors.get(name);
    if (target === undefined) {
      throw new ComposeError(`the alias \`*${name}\` refers to no anchor defined before it`, anchorStart - 1);
    }
    this.aliasNodes += target.nodes;
    if (this.aliasNodes > this.limits.maxAliasNodes) {
      throw new ComposeError(
        `aliases expand to more than ${this.limits.maxAliasNodes} nodes in this document (an "alias bomb"); kubevet stops reading it`,
        anchorStart - 1,
        'yaml/alias-limit',
      );
    }
    const parent = this.top();
    if (parent?.kind === 'map' && parent.pendingKey === undefined) {
      if (target.value !== null && typeof target.value === 'object') {
        this.problem('yaml/complex-key', `the alias \`*${name}\` used as a key stands for a collection, which cannot be converted to JSON; Kubernetes rejects it`, anchorStart - 1, anchorEnd);
      }
      setPendingKey(parent, typeof target.value === 'object' && target.value !== null ? JSON.stringify(target.value) : keyString(target.value as ScalarValue), anchorStart - 1, anchorEnd, false);
      parent.lastEnd = anchorEnd;
      return;
    }
    if (target.value === null) this.docHasNull = true;
    this.attach(target.value, anchorStart - 1, anchorEnd, target.nodes);
  }

  /** Adds a finished node to its parent collection, or makes it the document's root. */
  private attach(value: unknown, start: number, end: number, nodes: number): void {
    const parent = this.top();
    if (parent === undefined) {
      this.docValue = value;
      this.docStart = start;
      this.docEnd = end;
      return;
    }
    parent.nodes += nodes;
    parent.lastEnd = Math.max(parent.lastEnd, end);
    if (parent.kind === 'seq') {
      const { items, offsets } = parent.scratch;
      items[parent.itemCount++] = value;
      offsets[parent.offsetCount++] = this.base + start;
      offsets[parent.offsetCount++] = this.base + end;
      return;
    }
    const key = parent.pendingKey as string;
    parent.pendingKey = undefined;
    if (parent.pendingMerge) {
      (parent.merges ??= []).push({ value, start: parent.pendingStart, end });
      return;
    }
    this.setEntry(parent, key, value, parent.pendingStart, parent.pendingEnd, start, end);
  }

  private setEntry(frame: Frame, key: string, value: unknown, keyStart: number, keyEnd: number, start: number, end: number): void {
    const map = frame.value as Record<string, unknown>;
    const { keys, offsets } = frame.scratch;
    // Merges are applied when the mapping closes, so an own key here is a duplicate explicit key.
    const existing = Object.prototype.hasOwnProperty.call(map, key) ? indexOfKey(keys, frame.keyCount, key) : -1;
    const at = existing >= 0 ? existing * 4 : frame.offsetCount;
    if (existing >= 0) {
      this.problems.push({
        ruleId: 'yaml/duplicate-key',
        message: `duplicate key \`${key}\` (first defined on line {relatedLine}): the API server rejects duplicate fields and lenient tools silently keep only the last value; remove one`,
        start: this.base + keyStart,
        end: this.base + keyEnd,
        relatedOffset: offsets[at],
      });
      // The last value wins (as lenient loaders do); its positions replace the first one's.
    } else {
      keys[frame.keyCount++] = key;
      frame.offsetCount += 4;
    }
    defineEntry(map, key, value);
    offsets[at] = this.base + keyStart;
    offsets[at + 1] = this.base + keyEnd;
    offsets[at + 2] = this.base + start;
    offsets[at + 3] = this.base + end;
  }

  /** The frame's positions in their stored layout, in an array of exactly their size. */
  private storedPositions(frame: Frame, start: number, end: number): StoredPositions {
    const { keys, offsets } = frame.scratch;
    if (frame.kind === 'seq') {
      const stored = new Array<number>(2 + frame.offsetCount);
      stored[0] = start;
      stored[1] = end;
      for (let i = 0; i < frame.offsetCount; i++) stored[2 + i] = offsets[i];
      return stored;
    }
    const stored = new Array<number | string>(2 + frame.keyCount * MAP_STRIDE);
    stored[0] = start;
    stored[1] = end;
    for (let k = 0, at = 2; k < frame.keyCount; k++, at += MAP_STRIDE) {
      stored[at] = keys[k];
      stored[at + 1] = offsets[k * 4];
      stored[at + 2] = offsets[k * 4 + 1];
      stored[at + 3] = offsets[k * 4 + 2];
      stored[at + 4] = offsets[k * 4 + 3];
    }
    return stored;
  }

  /** YAML 1.1 merge keys (`<<: *defaults`): explicit keys win, earlier sources win over later ones. */
  private applyMerges(frame: Frame): void {
    if (frame.merges === undefined) return;
    const map = frame.value as Record<string, unknown>;
    const { keys, offsets } = frame.scratch;
    const explicit = new Set(keys.slice(0, frame.keyCount));
    for (const merge of frame.merges) {
      const sources = Array.isArray(merge.value) ? merge.value : [merge.value];
      for (const source of sources) {
        if (source === null || typeof source !== 'object' || Array.isArray(source)) {
          throw new ComposeError('a merge key (`<<`) must be followed by a mapping or a list of mappings', merge.start);
        }
        for (const [key, value] of Object.entries(source)) {
          if (explicit.has(key)) continue;
          explicit.add(key);
          defineEntry(map, key, value);
          keys[frame.keyCount++] = key;
          offsets[frame.offsetCount++] = this.base + merge.start;
          offsets[frame.offsetCount++] = this.base + merge.start + 2;
          offsets[frame.offsetCount++] = this.base + merge.start;
          offsets[frame.offsetCount++] = this.base + merge.end;
        }
      }
    }
  }

  private resolveScalar(event: ScalarEvent, raw: string): ScalarValue {
    if (event.tagStart >= 0) return this.resolveTagged(this.text.slice(event.tagStart, event.tagEnd), raw, event);
    if (event.style !== SCALAR_STYLE.PLAIN) return raw;
    return resolvePlainScalar(raw);
  }

  private resolveTagged(tag: string, raw: string, event: ScalarEvent): ScalarValue {
    const name = tag.startsWith('!!') ? tag.slice(2) : tag.startsWith(`!<${CORE_TAG_PREFIX}`) ? tag.slice(CORE_TAG_PREFIX.length + 2, -1) : undefined;
    switch (name) {
      case 'str':
      case 'binary':
      case 'timestamp':
        return raw;
      case 'int':
      case 'float':
      case 'bool':
      case 'null': {
        const value = resolvePlainScalar(raw);
        const ok = name === 'null' ? value === null : name === 'bool' ? typeof value === 'boolean' : typeof value === 'number';
        if (!ok) this.problem('yaml/unknown-tag', `\`${raw}\` is not a valid !!${name}`, event.tagStart, event.valueEnd);
        return value;
      }
      default:
        if (tag !== '!') {
          this.problem('yaml/unknown-tag', `the tag \`${tag}\` means nothing to Kubernetes: the value is read as the plain string "${truncate(raw)}" and never evaluated; remove the tag`, event.tagStart, event.tagEnd);
        }
        return raw;
    }
  }

  private lintPlainScalar(value: string, start: number, end: number): void {
    const slashes = value.indexOf('//');
    if (slashes === 0 || (slashes > 0 && /\s/.test(value[slashes - 1]) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value.slice(0, slashes).trim().split(/\s+/).pop() ?? ''))) {
      const before = value.slice(0, slashes).trimEnd();
      const meant = before === '' ? '' : ` (the value is the string "${truncate(value)}", not ${JSON.stringify(resolvePlainScalar(before))})`;
      this.problem('yaml/slash-comment', `\`//\` does not start a comment in YAML; use \`#\`${meant}`, start + slashes, end);
    }
  }

  private scalarRange(event: ScalarEvent): { start: number; end: number } {
    switch (event.style) {
      case SCALAR_STYLE.SINGLE_QUOTED:
      case SCALAR_STYLE.DOUBLE_QUOTED:
        return { start: event.valueStart - 1, end: event.valueEnd + 1 };
      case SCALAR_STYLE.LITERAL_BLOCK:
      case SCALAR_STYLE.FOLDED_BLOCK: {
        const indicator = blockIndicator(this.text, this.blockHeaderFrom(event), event.valueStart);
        return { start: indicator >= 0 ? indicator : event.valueStart, end: trimTrailingNewlines(this.text, event.valueEnd) };
      }
      default:
        return { start: event.valueStart, end: event.valueEnd };
    }
  }

  /**
   * Where to look for a block scalar's `|` or `>`: after the collection's last token (its key, or
   * the previous item) or the previous document, and after its tag and anchor. (Searching
   * backwards from the content for the nearest `|` or `>` scanned the whole chunk when one of the
   * two did not occur before it.)
   */
  private blockHeaderFrom(event: ScalarEvent): number {
    const parent = this.top();
    return Math.max(parent === undefined ? this.previousDocumentEnd : parent.lastEnd, event.tagEnd, event.anchorEnd);
  }

  private problem(ruleId: string, message: string, start: number, end: number): void {
    this.problems.push({ ruleId, message, start: this.base + start, end: this.base + end });
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }
}

const EMPTY_ITEMS: unknown[] = [];

function setPendingKey(frame: Frame, key: string, start: number, end: number, merge: boolean): void {
  frame.pendingKey = key;
  frame.pendingStart = start;
  frame.pendingEnd = end;
  frame.pendingMerge = merge;
}

/** Position of `key` among the first `count` keys (the scratch array may hold stale ones after them). */
function indexOfKey(keys: readonly string[], count: number, key: string): number {
  for (let i = 0; i < count; i++) if (keys[i] === key) return i;
  return -1;
}

/** Sets a key without ever touching the prototype chain (`__proto__` stays an ordinary key). */
function defineEntry(map: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    map[key] = value;
  }
}

/** How sigs.k8s.io/yaml turns a non-string key into a JSON object key. */
function keyString(value: ScalarValue): string {
  if (typeof value === 'string') return value;
  if (value === null) return 'null';
  return String(value);
}

/** The first `|` or `>` in text[from, to) outside comments, or -1. */
function blockIndicator(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7c || c === 0x3e) return i;
    if (c === 0x23 && (i === from || /\s/.test(text[i - 1]))) {
      const lineEnd = text.indexOf('\n', i);
      if (lineEnd < 0 || lineEnd >= to) return -1;
      i = lineEnd;
    }
  }
  return -1;
}

function trimTrailingNewlines(text: string, end: number): number {
  let e = end;
  while (e > 0 && (text[e - 1] === '\n' || text[e - 1] === '\r')) e--;
  return e;
}

function truncate(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
