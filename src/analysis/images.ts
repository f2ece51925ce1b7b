/**
 * Container image references, parsed the way the container runtime resolves them
 * (github.com/distribution/reference): `[registry/]path[:tag][@digest]`.
 *
 * The first path component is a registry host only when there is more than one component and
 * it contains `.` or `:` or is `localhost`; otherwise the image is on Docker Hub
 * (`docker.io`), and a single-component name lives under `library/`. A `:` after the last `/`
 * starts a tag; one before it is a port (`host:5000/app`).
 */
import type { FieldPath } from '../model/path';
import type { PodSpecView } from '../model/workload';
import { containersOf } from '../model/workload';
import { LastKeyCache, memoize } from '../util/memo';

export const DEFAULT_REGISTRY = 'docker.io';

export interface ImageRef {
  /** As written (trimmed). */
  readonly raw: string;
  /** Registry host, lower-cased; `docker.io` when none is written. */
  readonly registry: string;
  /** True when the reference names its registry. */
  readonly registryExplicit: boolean;
  /** Repository path inside the registry, e.g. `library/nginx`. */
  readonly path: string;
  readonly tag?: string;
  /** e.g. `sha256:…` */
  readonly digest?: string;
}

const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/** True for references a template engine has not filled in yet (`{{ .Values.image }}`, `${IMAGE}`). */
export function isTemplated(image: string): boolean {
  return /\{\{|\$\{|\$\(|<[^>]*>/.test(image);
}

/** Parses an image reference; undefined when it is not a string, empty, templated or malformed. */
export function parseImage(value: unknown): ImageRef | undefined {
  if (typeof value !== 'string') return undefined;
  const raw = value.trim();
  if (raw === '' || isTemplated(raw) || /\s/.test(raw)) return undefined;
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return undefined;
  }
  if (rest === '') return undefined;
  const components = rest.split('/');
  let registry = DEFAULT_REGISTRY;
  let registryExplicit = false;
  const first = components[0];
  if (components.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first.toLowerCase();
    registryExplicit = true;
    components.shift();
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = DEFAULT_REGISTRY;
  if (components.length === 0 || !components.every((c) => PATH_COMPONENT.test(c))) return undefined;
  if (registry === DEFAULT_REGISTRY && components.length === 1) components.unshift('library');
  return { raw, registry, registryExplicit, path: components.join('/'), ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
}

/** `registry/path`, e.g. `docker.io/library/nginx`. */
export function repositoryOf(ref: ImageRef): string {
  return `${ref.registry}/${ref.path}`;
}

/** True when the reference can move: no digest, and the tag is absent or `latest`. */
export function isMutable(ref: ImageRef): boolean {
  return ref.digest === undefined && (ref.tag === undefined || ref.tag === 'latest');
}

function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`, 'i');
}

/**
 * One allow-list pattern as a test, its regular expression built once. A pattern without `/`
 * names registry hosts (`ghcr.io`, `*.dkr.ecr.*.amazonaws.com`); a pattern with `/` matches
 * `registry/path` (`ghcr.io/acme/*`, `docker.io/library/**`). `*` stays within one component,
 * `**` does not; a pattern ending in `/` allows everything under it.
 */
function compileRegistryPattern(pattern: string): (ref: ImageRef) => boolean {
  const p = pattern.trim();
  if (p === '') return () => false;
  if (!p.includes('/')) {
    const host = globToRegExp(p);
    return (ref) => host.test(ref.registry);
  }
  const full = globToRegExp(p.endsWith('/') ? `${p}**` : p);
  return (ref) => full.test(repositoryOf(ref));
}

/** A compiled allow list: the patterns as given (strings only) and whether an image matches one. */
export interface RegistryAllowList {
  readonly patterns: readonly string[];
  allows(ref: ImageRef): boolean;
}

/**
 * The allow list of `registries` option values (non-strings ignored), compiled once per options
 * array: the list comes from the rule's options, the same array for every object of a run.
 */
export const registryAllowList: (registries: readonly unknown[]) => RegistryAllowList = memoize(compileAllowList, new WeakMap());

function compileAllowList(registries: readonly unknown[]): RegistryAllowList {
  const patterns = registries.filter((p): p is string => typeof p === 'string');
  const tests = patterns.map(compileRegistryPattern);
  return { patterns, allows: (ref) => tests.some((test) => test(ref)) };
}

export interface ImageUse {
  readonly name: string;
  readonly container: Record<string, unknown>;
  /** Path of the `image` field in the object. */
  readonly path: FieldPath;
  /** Path of the container in the object. */
  readonly containerPath: FieldPath;
  readonly image: unknown;
  readonly ref: ImageRef | undefined;
}

/**
 * Every container's image in a pod spec (a shared list: do not modify). The image rules (three
 * on by default) all ask for the same pod's images: they are parsed once.
 */
export const imagesOf: (pod: PodSpecView) => readonly ImageUse[] = memoize(computeImages, new LastKeyCache());

function computeImages(pod: PodSpecView): ImageUse[] {
  return containersOf(pod).map((c) => ({
    name: c.name,
    container: c.container,
    path: [...c.path, 'image'],
    containerPath: c.path,
    image: c.container.image,
    ref: parseImage(c.container.image),
  }));
}
