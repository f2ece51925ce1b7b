/** Field paths: segments in code, `spec.containers[0].image` in findings. */

export type Segment = string | number;
export type FieldPath = readonly Segment[];

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

export function formatPath(path: FieldPath): string {
  // Joined once rather than appended to: appending leaves a chain of string pieces that every
  // finding would keep.
  const parts: string[] = [];
  for (const segment of path) {
    if (typeof segment === 'number') parts.push(`[${segment}]`);
    else if (PLAIN_KEY.test(segment)) parts.push(parts.length === 0 ? segment : `.${segment}`);
    else parts.push(`[${JSON.stringify(segment)}]`);
  }
  return parts.join('');
}

/** Inverse of formatPath (used by config and tests). */
export function parsePath(text: string): Segment[] {
  const segments: Segment[] = [];
  const re = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([^.[\]]+)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[1] !== undefined) segments.push(Number(m[1]));
    else if (m[2] !== undefined) segments.push(JSON.parse(m[2]) as string);
    else segments.push(m[3]);
  }
  return segments;
}

/** Value at a path, or undefined. */
export function getAt(root: unknown, path: FieldPath): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    if (typeof segment === 'number') {
      if (!Array.isArray(node)) return undefined;
      node = node[segment];
    } else {
      if (Array.isArray(node) || !Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
      node = (node as Record<string, unknown>)[segment];
    }
  }
  return node;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A JSON pointer (`/spec/containers/0`) as path segments: indexes for arrays, keys for objects. */
export function pointerToPath(root: unknown, pointer: string): Segment[] {
  const path: Segment[] = [];
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment: Segment = Array.isArray(node) ? Number(token) : token;
    path.push(segment);
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[token] : undefined;
  }
  return path;
}
