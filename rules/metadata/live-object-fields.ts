import { defineObjectRule } from '../../src/engine/rule';
import { isRecord } from '../../src/model/path';

/** Fields the API server sets; a manifest that carries them was exported from a live cluster. */
const SERVER_METADATA = ['uid', 'resourceVersion', 'selfLink', 'creationTimestamp', 'managedFields', 'generation', 'deletionTimestamp', 'deletionGracePeriodSeconds'];
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** True for null, '', 0-length lists and mappings whose values are all empty. */
function isEmptyDeep(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.values(value).every(isEmptyDeep);
  return false;
}

export default defineObjectRule({
  meta: {
    id: 'metadata/live-object-fields',
    category: 'metadata',
    severity: 'warning',
    description: 'The manifest carries fields the API server sets (`status`, `metadata.uid`, `resourceVersion`, `managedFields`, …): it was exported from a live cluster.',
    rationale: 'Server-set fields in a manifest are at best noise and at worst harmful: a stale `resourceVersion` makes updates fail with a conflict, `uid` ties the file to one cluster, `managedFields` and `last-applied-configuration` confuse server-side apply, and `status` is ignored. Exported objects also tend to carry defaulted values that pin settings you never chose.',
    fix: 'Strip the fields (`kubectl get -o yaml` output is not a manifest); tools such as `kubectl-neat` do it, or delete `status` and the listed metadata by hand.',
    examples: {
      bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  uid: 0f6b1c2e-5a8e-4b1e-9d8a-3f1c2b4a5d6e\n  resourceVersion: "123456"\n  creationTimestamp: "2024-01-01T00:00:00Z"\ndata:\n  mode: fast\n',
      good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n',
    },
  },
  check(object, context) {
    const metadata = isRecord(object.raw.metadata) ? object.raw.metadata : {};
    const found = SERVER_METADATA.filter((key) => key in metadata && metadata[key] !== null);
    if (found.length > 0) {
      context.report({
        path: ['metadata', found[0]],
        target: 'key',
        message: `metadata.${found.join(', metadata.')} ${found.length === 1 ? 'is' : 'are'} set by the API server: this object was exported from a live cluster; delete ${found.length === 1 ? 'it' : 'them'} from the manifest`,
      });
    }
    if (LAST_APPLIED in object.annotations) {
      context.report({
        path: ['metadata', 'annotations', LAST_APPLIED],
        target: 'key',
        message: `the ${LAST_APPLIED} annotation is written by kubectl apply on the live object; delete it from the manifest`,
      });
    }
    // Code generators (controller-gen, older kubectl) write empty status stubs: harmless, not an export.
    if ('status' in object.raw && !isEmptyDeep(object.raw.status)) {
      context.report({ path: ['status'], target: 'key', message: '`status` is written by controllers and ignored on apply: this object was exported from a live cluster; delete the `status` block' });
    }
  },
});
