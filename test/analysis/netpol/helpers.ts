/** Build the NetworkPolicy analysis from YAML text, and small manifest makers for tests. */
import { analyzeObjects, type NetpolAnalysis } from '../../../src/analysis/netpol';
import { connectionList, rowText } from '../../../src/analysis/netpol/connlist';
import { loadText, SourceText } from '../../../src/load';
import { buildObjects } from '../../../src/model/build';

export function analyzeYaml(...docs: string[]): NetpolAnalysis {
  const source = new SourceText('test.yaml', docs.join('\n---\n'));
  return analyzeObjects(buildObjects(loadText(source).documents, { defaultNamespace: 'default' }).objects);
}

/** The connlist lines (`src => dst : conn`) for some manifests. */
export function connlist(...docs: string[]): string[] {
  return connectionList(analyzeYaml(...docs).model).map(rowText);
}

/** Connection text from one workload display name to another (`No Connections` when none). */
export function conn(lines: readonly string[], src: string, dst: string): string {
  const prefix = `${src} => ${dst} : `;
  const line = lines.find((l) => l.startsWith(prefix));
  return line === undefined ? 'No Connections' : line.slice(prefix.length);
}

export interface PodOptions {
  namespace?: string;
  labels?: Record<string, string>;
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  kind?: 'Pod' | 'Deployment';
  hostNetwork?: boolean;
}

export function pod(name: string, options: PodOptions = {}): string {
  const labels = JSON.stringify(options.labels ?? { app: name });
  const ports = JSON.stringify(options.ports ?? []);
  const ns = options.namespace ?? 'default';
  const spec = `{containers: [{name: c, image: img, ports: ${ports}}]${options.hostNetwork === true ? ', hostNetwork: true' : ''}}`;
  if (options.kind === 'Deployment') {
    return `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  selector: {matchLabels: ${labels}}\n  template:\n    metadata: {labels: ${labels}}\n    spec: ${spec}\n`;
  }
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: ${ns}, labels: ${labels}}\nspec: ${spec}\n`;
}

export function namespace(name: string, labels: Record<string, string> = {}): string {
  return `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}, labels: ${JSON.stringify(labels)}}\n`;
}

/** A NetworkPolicy from its spec written as YAML flow or block text (indented by 2). */
export function policy(name: string, spec: string, ns = 'default'): string {
  const body = spec
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n${body}\n`;
}

export const ANY = '0.0.0.0-255.255.255.255[External]';
