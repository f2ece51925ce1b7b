/**
 * Shapes of the generated data under `schemas/kubernetes/` (written by
 * `scripts/generate-schemas.ts`, read by `store.ts`). Bump `SCHEMA_DATA_FORMAT` when they change.
 */

export const SCHEMA_DATA_FORMAT = 1;

/** A (transformed, strict, draft-07) JSON Schema node as stored in the pool. Treat as read-only. */
export interface SchemaNode {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly format?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  /** Kept only when `map` or `set` (the list-type values a linter can act on). */
  readonly 'x-kubernetes-list-type'?: string;
  readonly 'x-kubernetes-list-map-keys'?: readonly string[];
  readonly [keyword: string]: unknown;
}

/** One group/version/kind of a Kubernetes release, as stored in `<release>.json`. */
export interface KindRecord {
  /** API group; `""` is the core group (`apiVersion: v1`). */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Definition name in the OpenAPI spec, e.g. `io.k8s.api.apps.v1.Deployment`. */
  readonly definition: string;
  /** True when the kind has a REST path under `/namespaces/{namespace}/`. */
  readonly namespaced: boolean;
  /** Plural REST resource name (`deployments`) when the kind is a top-level REST resource. */
  readonly plural?: string;
  /** Subresources of that REST resource (`scale`, `status`, ...), sorted. */
  readonly subresources?: readonly string[];
  /** True when a POST to the resource's collection creates it (i.e. it belongs in a manifest). */
  readonly creatable: boolean;
  /** True for `*List` wrapper kinds (`PodList`). */
  readonly list: boolean;
  /**
   * Versions in which this group serves this kind as a REST resource in this release, most
   * preferred first (GA > beta > alpha, newer first). For list kinds, those of the item kind.
   * Empty for kinds that are not REST resources (`Status`, `WatchEvent`, `DeleteOptions`, `Scale`...).
   */
  readonly servedVersions: readonly string[];
}

/** `<release>.json`: everything about one Kubernetes minor release. */
export interface ReleaseFile {
  readonly format: number;
  readonly release: string;
  /** Definition name → key into the shared pool (`definitions.json`). */
  readonly definitions: Readonly<Record<string, string>>;
  /** Sorted by group, kind, then version. */
  readonly kinds: readonly KindRecord[];
}

/** `index.json`: the small entry point. */
export interface IndexFile {
  readonly format: number;
  /** Supported Kubernetes minor releases, oldest first. */
  readonly releases: readonly string[];
  /** File names (relative to the directory) per release and of the shared pool. */
  readonly files: { readonly pool: string; readonly releases: Readonly<Record<string, string>> };
  /** sha256 of each uncompressed source spec, for provenance. */
  readonly sources: Readonly<Record<string, { readonly file: string; readonly sha256: string }>>;
}

/** `definitions.json`: content-hash → definition body, shared by all releases. */
export type PoolFile = Readonly<Record<string, SchemaNode>>;
