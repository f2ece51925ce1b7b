import { QUALIFIED_NAME_RULE, TOTAL_ANNOTATION_SIZE_LIMIT, qualifiedNameProblem } from '../../src/data/k8s-validation';
import { defineObjectRule, type RuleContext } from '../../src/engine/rule';
import { isRecord, type FieldPath } from '../../src/model/path';
import { podSpecOf } from '../../src/model/workload';

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function checkAnnotations(context: RuleContext, annotations: unknown, path: FieldPath, what: string): void {
  if (!isRecord(annotations)) return;
  let total = 0;
  for (const [key, value] of Object.entries(annotations)) {
    // Annotation keys follow the label-key syntax, case-insensitively.
    const problem = qualifiedNameProblem(key.toLowerCase());
    if (problem !== undefined) {
      context.report({
        path: [...path, key],
        target: 'key',
        message: `${what} key \`${key}\` is not a valid annotation key (${QUALIFIED_NAME_RULE}; uppercase is allowed): it ${problem}; the API server rejects it: rename the key, e.g. \`example.com/${key.replace(/[^-A-Za-z0-9_.]+/g, '-').replace(/^[-_.]+|[-_.]+$/g, '') || 'note'}\``,
      });
    }
    total += byteLength(key) + (typeof value === 'string' ? byteLength(value) : 0);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
    context.report({
      path,
      target: 'key',
      message: `${what}s total ${total} bytes (keys and values), more than the ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes (256 KiB) the API server accepts: it rejects the object; move large data to a ConfigMap or Secret`,
    });
  }
}

export default defineObjectRule({
  meta: {
    id: 'schema/invalid-annotation',
    category: 'schema',
    severity: 'error',
    description: 'An annotation key breaks the qualified-name syntax, or the annotations of an object or pod template exceed 256 KiB in total.',
    rationale: 'Annotation keys are validated like label keys (optional DNS-subdomain prefix, `/`, a name of at most 63 characters), and all annotations of one object together may hold at most 262144 bytes. Both are checked in code, not in the OpenAPI schema, so such a manifest fails only when applied; the size limit is a classic failure of `kubectl apply` with large last-applied-configuration annotations.',
    fix: 'Use keys such as `example.com/owner`; store large payloads in a ConfigMap, or use server-side apply instead of client-side apply for large objects.',
    examples: {
      bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  annotations:\n    "owner team": platform\n',
      good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  annotations:\n    example.com/owner-team: platform\n',
    },
  },
  check(object, context) {
    checkAnnotations(context, object.get(['metadata', 'annotations']), ['metadata', 'annotations'], 'annotation');
    if (object.kind === 'CronJob' && object.group === 'batch') {
      checkAnnotations(context, object.get(['spec', 'jobTemplate', 'metadata', 'annotations']), ['spec', 'jobTemplate', 'metadata', 'annotations'], 'Job template annotation');
    }
    const pod = podSpecOf(object);
    if (pod?.template === true) checkAnnotations(context, pod.metadata.annotations, [...pod.metadataPath, 'annotations'], 'pod template annotation');
  },
});
