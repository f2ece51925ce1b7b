/**
 * Documents → Kubernetes objects. Expands `kind: List`, recognises other tools' YAML
 * (kustomization, Helm charts and values, kubeconfig, component configuration) and skips it
 * with an info finding, and reports documents that are not objects at all.
 */
import { basename } from 'node:path';
import type { LoadedDocument, LoadProblem } from '../load';
import { documentRange, KubeObject } from './object';
import { isRecord, type Segment } from './path';
import { groupOf, ScopeTable } from './scope';

export interface BuildOptions {
  defaultNamespace: string;
  scopes?: ScopeTable;
}

export interface BuildResult {
  objects: KubeObject[];
  problems: LoadProblem[];
  /** Documents that held at least one object (for the summary). */
  objectDocuments: number;
}

const FOREIGN_GROUPS: ReadonlyMap<string, string> = new Map([
  ['kustomize.config.k8s.io', 'a Kustomize file'],
  ['kubeadm.k8s.io', 'kubeadm configuration'],
  ['kubelet.config.k8s.io', 'kubelet configuration'],
  ['kubeproxy.config.k8s.io', 'kube-proxy configuration'],
  ['kubescheduler.config.k8s.io', 'kube-scheduler configuration'],
  ['kubecontrollermanager.config.k8s.io', 'kube-controller-manager configuration'],
  ['apiserver.config.k8s.io', 'API server configuration'],
  ['apiserver.k8s.io', 'API server configuration'],
  ['audit.k8s.io', 'an audit policy'],
  ['client.authentication.k8s.io', 'a client credential plugin configuration'],
  ['kind.x-k8s.io', 'a kind cluster configuration'],
  ['k3d.io', 'a k3d configuration'],
  ['skaffold', 'a Skaffold configuration'],
  ['kubevet.dev', 'a kubevet policy (give it with --policy)'],
]);
const FOREIGN_FILE_NAMES: ReadonlyMap<string, string> = new Map([
  ['kustomization.yaml', 'a Kustomize file'],
  ['kustomization.yml', 'a Kustomize file'],
  ['chart.yaml', 'a Helm chart description'],
  ['values.yaml', 'Helm values'],
  ['values.yml', 'Helm values'],
  ['values.schema.json', 'a Helm values schema'],
  ['.pre-commit-config.yaml', 'a pre-commit configuration'],
  ['.pre-commit-hooks.yaml', 'a pre-commit hook list'],
  ['docker-compose.yaml', 'a Docker Compose file'],
  ['docker-compose.yml', 'a Docker Compose file'],
  ['compose.yaml', 'a Docker Compose file'],
  ['package.json', 'an npm package file'],
  ['package-lock.json', 'an npm lock file'],
  ['tsconfig.json', 'a TypeScript configuration'],
  ['.kubevet.yaml', 'kubevet configuration'],
  ['.kubevet.yml', 'kubevet configuration'],
]);

export function buildObjects(documents: readonly LoadedDocument[], options: BuildOptions): BuildResult {
  const scopes = options.scopes ?? new ScopeTable();
  registerCustomScopes(documents, scopes);
  const objects: KubeObject[] = [];
  const problems: LoadProblem[] = [];
  let objectDocuments = 0;
  const reportedForeignFiles = new Set<string>();
  for (const document of documents) {
    const foreign = foreignReason(document);
    if (foreign !== undefined) {
      if (!reportedForeignFiles.has(document.source.file)) {
        reportedForeignFiles.add(document.source.file);
        problems.push(problemAt(document, [], 'schema/not-kubernetes', `skipped: this looks like ${foreign}, not a Kubernetes manifest`));
      }
      continue;
    }
    const before = objects.length;
    collect(document, document.value, [], scopes, options.defaultNamespace, objects, problems);
    if (objects.length > before) objectDocuments++;
  }
  return { objects, problems, objectDocuments };
}

function collect(
  document: LoadedDocument,
  value: unknown,
  basePath: Segment[],
  scopes: ScopeTable,
  defaultNamespace: string,
  objects: KubeObject[],
  problems: LoadProblem[],
): void {
  if (!isRecord(value)) {
    const what = Array.isArray(value) ? 'a list' : `the ${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;
    problems.push(problemAt(document, basePath, 'schema/not-an-object', `this document is ${what}, not a Kubernetes object (a mapping with apiVersion and kind)`));
    return;
  }
  const hasApiVersion = typeof value.apiVersion === 'string' && value.apiVersion !== '';
  const hasKind = typeof value.kind === 'string' && value.kind !== '';
  if (!hasApiVersion || !hasKind) {
    if (!hasApiVersion && !hasKind && value.apiVersion === undefined && value.kind === undefined && basePath.length === 0) {
      problems.push(problemAt(document, basePath, 'schema/not-kubernetes', 'skipped: this document has neither apiVersion nor kind, so it is not a Kubernetes object'));
      return;
    }
    const missing = !hasApiVersion && !hasKind ? 'apiVersion and kind' : !hasApiVersion ? 'apiVersion' : 'kind';
    const at = hasApiVersion ? ['apiVersion'] : hasKind ? ['kind'] : [];
    problems.push(problemAt(document, [...basePath, ...at], 'schema/missing-api-version-or-kind', `this object has no ${missing} (or it is not a non-empty string); every Kubernetes object needs both, e.g. \`apiVersion: v1\` and \`kind: ConfigMap\``));
    return;
  }
  const kind = value.kind as string;
  if (kind.endsWith('List') && Array.isArray(value.items)) {
    // Items of a typed list (PodList, NamespaceList) may leave out their kind and apiVersion.
    const implied = kind === 'List' ? undefined : { apiVersion: value.apiVersion as string, kind: kind.slice(0, -'List'.length) };
    value.items.forEach((item, i) => collect(document, withImpliedType(item, implied), [...basePath, 'items', i], scopes, defaultNamespace, objects, problems));
    return;
  }
  objects.push(new KubeObject(value, document, basePath, scopes.isClusterScoped(value.apiVersion as string, kind), defaultNamespace));
}

function withImpliedType(item: unknown, implied: { apiVersion: string; kind: string } | undefined): unknown {
  if (implied === undefined || !isRecord(item) || (item.apiVersion !== undefined && item.kind !== undefined)) return item;
  // A shallow copy keeps the item's own entries (and their positions) and adds the implied type.
  return { apiVersion: implied.apiVersion, kind: implied.kind, ...item };
}

function registerCustomScopes(documents: readonly LoadedDocument[], scopes: ScopeTable): void {
  for (const document of documents) {
    const value = document.value;
    if (!isRecord(value) || value.kind !== 'CustomResourceDefinition' || !isRecord(value.spec)) continue;
    const spec = value.spec;
    if (typeof spec.group === 'string' && isRecord(spec.names) && typeof spec.names.kind === 'string') {
      scopes.addCustom(spec.group, spec.names.kind, spec.scope === 'Cluster');
    }
  }
}

function foreignReason(document: LoadedDocument): string | undefined {
  const name = basename(document.source.file).toLowerCase();
  const byName = FOREIGN_FILE_NAMES.get(name);
  if (byName !== undefined) return byName;
  const value = document.value;
  if (!isRecord(value)) return undefined;
  if (typeof value.apiVersion === 'string') {
    const group = groupOf(value.apiVersion);
    const byGroup = FOREIGN_GROUPS.get(group) ?? FOREIGN_GROUPS.get(value.apiVersion.split('/')[0]);
    if (byGroup !== undefined) return byGroup;
    if (value.kind === 'Config' && value.apiVersion === 'v1' && ('clusters' in value || 'contexts' in value || 'users' in value)) return 'a kubeconfig file';
    if (value.apiVersion === 'v2' && value.kind === undefined && 'name' in value && 'version' in value) return 'a Helm chart description';
    if (value.kind === 'Policy' && value.apiVersion === 'v1' && ('predicates' in value || 'priorities' in value || 'extenders' in value)) return 'a legacy kube-scheduler policy file';
  }
  return undefined;
}

function problemAt(document: LoadedDocument, path: Segment[], ruleId: string, message: string): LoadProblem {
  return { ruleId, message, file: document.source.file, range: documentRange(document, path) };
}
