import { RbacAnalysis } from '../../../src/analysis/rbac/analysis';
import { RbacPolicy } from '../../../src/analysis/rbac/policy';
import { loadText, SourceText } from '../../../src/load';
import { buildObjects } from '../../../src/model/build';
import type { KubeObject } from '../../../src/model/object';

/** Objects of a YAML (or JSON) text, as the CLI builds them. */
export function objectsOf(text: string, file = 'manifest.yaml'): KubeObject[] {
  const loaded = loadText(new SourceText(file, text));
  return buildObjects(loaded.documents, { defaultNamespace: 'default' }).objects;
}

export function policyOf(text: string, builtinBindings = false, kubernetesVersion = '1.36'): RbacPolicy {
  return new RbacPolicy(objectsOf(text), { kubernetesVersion, builtinBindings });
}

export function analysisOf(text: string, kubernetesVersion = '1.36', privilegedNamespaces?: string[]): RbacAnalysis {
  return new RbacAnalysis(objectsOf(text), { kubernetesVersion, privilegedNamespaces });
}

/** Manifest text of one Role/ClusterRole. */
export function role(kind: 'Role' | 'ClusterRole', name: string, rules: object[], extra: { namespace?: string; labels?: Record<string, string>; aggregationRule?: object } = {}): string {
  const metadata: Record<string, unknown> = { name };
  if (extra.namespace !== undefined) metadata.namespace = extra.namespace;
  if (extra.labels !== undefined) metadata.labels = extra.labels;
  const object: Record<string, unknown> = { apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata, rules };
  if (extra.aggregationRule !== undefined) object.aggregationRule = extra.aggregationRule;
  return `---\n${JSON.stringify(object)}\n`;
}

export function binding(kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, roleRef: { kind: string; name: string }, subjects: object[], namespace?: string): string {
  const metadata: Record<string, unknown> = { name };
  if (namespace !== undefined) metadata.namespace = namespace;
  return `---\n${JSON.stringify({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata, subjects, roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef } })}\n`;
}

export const sa = (name: string, namespace?: string): object => (namespace === undefined ? { kind: 'ServiceAccount', name } : { kind: 'ServiceAccount', name, namespace });
export const user = (name: string): object => ({ kind: 'User', name, apiGroup: 'rbac.authorization.k8s.io' });
export const group = (name: string): object => ({ kind: 'Group', name, apiGroup: 'rbac.authorization.k8s.io' });
export const rule = (verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): object => (resourceNames === undefined ? { verbs, apiGroups, resources } : { verbs, apiGroups, resources, resourceNames });

export function serviceAccount(name: string, namespace: string, extra = ''): string {
  return `---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n${extra}`;
}

export function deployment(name: string, namespace: string, serviceAccountName?: string, kind = 'Deployment', podExtra = ''): string {
  const sa = serviceAccountName === undefined ? '' : `      serviceAccountName: ${serviceAccountName}\n`;
  return `---\napiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n${sa}${podExtra}      containers:\n        - name: app\n          image: example/app:1\n`;
}
