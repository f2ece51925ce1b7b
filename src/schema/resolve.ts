/** Walking the stored schemas by instance path (for "did you mean" and list-map lookups). Pure. */
import type { SchemaNode } from './types';

const DEF_PREFIX = '#/definitions/';

export type DefinitionLookup = (name: string) => SchemaNode | undefined;
export type PathSegment = string | number;

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A node with its `$ref` followed: the referenced body merged with the reference site's own
 * keywords (the site's `type`, `items`... win). Nested children may still hold `$ref`s.
 */
export function resolveNode(node: SchemaNode, lookup: DefinitionLookup, depth = 0): SchemaNode {
  if (node.$ref === undefined || depth > 16) return node;
  const body = node.$ref.startsWith(DEF_PREFIX) ? lookup(node.$ref.slice(DEF_PREFIX.length)) : undefined;
  const { $ref: _ref, ...site } = node;
  return body === undefined ? site : { ...resolveNode(body, lookup, depth + 1), ...site };
}

function isIndex(segment: PathSegment): boolean {
  return typeof segment === 'number' || /^(?:0|[1-9]\d*)$/.test(segment);
}

/** The schema of `segment` inside `node` (a property, a map value or an array item). */
export function childNode(node: SchemaNode, segment: PathSegment, lookup: DefinitionLookup): SchemaNode | undefined {
  const resolved = resolveNode(node, lookup);
  if (isIndex(segment) && isNode(resolved.items)) return resolved.items;
  const key = String(segment);
  if (resolved.properties !== undefined && Object.hasOwn(resolved.properties, key)) return resolved.properties[key];
  return isNode(resolved.additionalProperties) ? resolved.additionalProperties : undefined;
}

/** The resolved schema at `path` below `root`, or undefined when the path leaves the schema. */
export function nodeAt(root: SchemaNode, path: readonly PathSegment[], lookup: DefinitionLookup): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const segment of path) {
    node = childNode(node, segment, lookup);
    if (node === undefined) return undefined;
  }
  return resolveNode(node, lookup);
}

/**
 * Property names a resolved node allows, sorted; `[]` for a closed empty object; undefined when
 * the node is not a closed object (a free-form map, preserved-unknown fields, a scalar).
 */
export function allowedProperties(node: SchemaNode): string[] | undefined {
  if (node['x-kubernetes-preserve-unknown-fields'] === true) return undefined;
  if (node.properties !== undefined) return Object.keys(node.properties).sort();
  return node.additionalProperties === false ? [] : undefined;
}

/** The definition name (`io.k8s.api.core.v1.SecurityContext`) of the node at `path`, if it has one. */
export function definitionNameAt(root: SchemaNode, path: readonly PathSegment[], lookup: DefinitionLookup): string | undefined {
  let node: SchemaNode | undefined = root;
  for (const segment of path) {
    node = childNode(node, segment, lookup);
    if (node === undefined) return undefined;
  }
  return node.$ref?.startsWith(DEF_PREFIX) ? node.$ref.slice(DEF_PREFIX.length) : undefined;
}
