import type { ObjectRule } from '../../src/engine/rule';
import { instantiate } from '../../src/custom/instantiate';
import { parseRuleText } from '../../src/custom/rule-file';
import { SourceText } from '../../src/load/source';
import type { Finding } from '../../src/types';
import { lintTexts } from '../engine/helpers';

/** The rules of a rule file's text, instantiated with `params` (or their defaults). */
export function rulesOf(text: string, params: Record<string, unknown> = {}, file = 'rule.yaml'): ObjectRule<unknown>[] {
  return parseRuleText(new SourceText(file, text)).map((d) => instantiate(d, { id: d.id, params: d.body.parameters === undefined ? {} : params }));
}

/** Findings of the rule file's rules on one manifest. */
export function check(ruleText: string, manifest: string, params: Record<string, unknown> = {}): Finding[] {
  return lintTexts({ 'manifest.yaml': manifest }, { rules: rulesOf(ruleText, params) }).findings;
}

/** The message of the loading error the rule text causes. */
export function loadError(ruleText: string, params: Record<string, unknown> = {}, file = 'rule.yaml'): string {
  try {
    rulesOf(ruleText, params, file);
  } catch (error) {
    if ((error as Error).constructor.name !== 'ConfigError') throw error;
    return (error as Error).message;
  }
  throw new Error('expected a loading error');
}

/** A rule with the given target and condition lines (YAML, already indented at the top level). */
export function rule(body: string, id = 'acme/test'): string {
  return `id: ${id}\ncategory: metadata\ndescription: Test rule.\n${body}`;
}

export const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  labels:
    app: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources:
        limits: {cpu: 500m, memory: 256Mi}
    - name: sidecar
      image: ghcr.io/acme/proxy:latest
`;
