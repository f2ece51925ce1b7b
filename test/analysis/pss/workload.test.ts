import { policyForObject } from '../../../src/analysis/pss';
import { loadText, SourceText } from '../../../src/load';
import { ObjectIndex } from '../../../src/model';
import { buildObjects } from '../../../src/model/build';
import type { KubeObject } from '../../../src/model/object';

function objectsOf(text: string): KubeObject[] {
  return buildObjects(loadText(new SourceText('manifest.yaml', text)).documents, { defaultNamespace: 'default' }).objects;
}

const POD = (namespace: string): string => `---\napiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: ${namespace}}\nspec: {containers: [{name: app, image: nginx}]}\n`;
const NAMESPACE = '---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: locked\n  labels: {pod-security.kubernetes.io/enforce: restricted, pod-security.kubernetes.io/enforce-version: v1.30}\n';

describe('policyForObject (remembered per run and namespace)', () => {
  test('the level option and the cluster version each give their own policy', () => {
    const [pod] = objectsOf(POD('apps'));
    const index = new ObjectIndex([pod]);
    expect(policyForObject(pod, index, 'baseline', '1.36').enforce).toEqual({ level: 'baseline', version: 'v1.36', fromLabel: false });
    expect(policyForObject(pod, index, 'restricted', '1.36').enforce).toEqual({ level: 'restricted', version: 'v1.36', fromLabel: false });
    expect(policyForObject(pod, index, 'baseline', '1.33').enforce).toEqual({ level: 'baseline', version: 'v1.33', fromLabel: false });
    expect(policyForObject(pod, index, 'baseline', '1.36').enforce).toEqual({ level: 'baseline', version: 'v1.36', fromLabel: false });
  });

  test('namespaces of one run keep their own labels', () => {
    const objects = objectsOf(`${NAMESPACE}${POD('locked')}${POD('open')}`);
    const index = new ObjectIndex(objects);
    expect(policyForObject(objects[1], index, 'baseline', '1.36').enforce).toEqual({ level: 'restricted', version: 'v1.30', fromLabel: true });
    expect(policyForObject(objects[2], index, 'baseline', '1.36').enforce).toEqual({ level: 'baseline', version: 'v1.36', fromLabel: false });
  });

  test('another run with the same namespace sees its own Namespace object', () => {
    const labelled = objectsOf(`${NAMESPACE}${POD('locked')}`);
    expect(policyForObject(labelled[1], new ObjectIndex(labelled), 'baseline', '1.36').enforce.level).toBe('restricted');
    const [bare] = objectsOf(POD('locked'));
    expect(policyForObject(bare, new ObjectIndex([bare]), 'baseline', '1.36').enforce.level).toBe('baseline');
  });
});
