import rule from '../../../rules/schema/api-required';
import { testRule } from '../../helpers/rule-tester';

const POD = (container: string, spec = ''): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n${spec}  containers:\n    - name: web\n${container}`;

testRule('schema/api-required', {
  valid: [
    POD('      image: nginx:1.27\n      livenessProbe:\n        exec: {command: [true]}\n      lifecycle:\n        preStop:\n          sleep: {seconds: 5}\n'),
    POD('      image: nginx:1.27\n', '  volumes:\n    - name: scratch\n'),
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: web}]\n',
    'apiVersion: v1\nkind: Service\nmetadata: {generateName: web-}\nspec:\n  clusterIP: None\n',
    'apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  type: ExternalName\n  externalName: db.example.com\n',
    'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n',
    'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: pinned}\nspec:\n  minReplicas: 3\n  maxReplicas: 3\n',
  ],
  invalid: [
    { name: 'no name', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {a: b}\n', errors: [{ line: 3, column: 1, path: 'metadata', message: 'neither `metadata.name` nor `metadata.generateName`' }] },
    { name: 'no image in a Pod', code: POD('      ports: [{containerPort: 80}]\n'), errors: [{ line: 7, column: 7, message: 'container "web" has no `image`' }] },
    { name: 'two probe handlers', code: POD('      image: nginx:1.27\n      readinessProbe:\n        httpGet: {path: /, port: 80}\n        tcpSocket: {port: 80}\n'), errors: [{ line: 11, column: 9, path: 'spec.containers[0].readinessProbe.tcpSocket', message: 'sets `httpGet` and `tcpSocket`' }] },
    { name: 'a probe without handler', code: POD('      image: nginx:1.27\n      livenessProbe:\n        periodSeconds: 5\n'), errors: [{ line: 9, path: 'spec.containers[0].livenessProbe', message: 'has no handler' }] },
    { name: 'two volume sources', code: POD('      image: nginx:1.27\n', '  volumes:\n    - name: data\n      emptyDir: {}\n      hostPath: {path: /data}\n'), errors: [{ line: 9, path: 'spec.volumes[0].hostPath', message: 'sets `emptyDir` and `hostPath`' }] },
    {
      name: 'claims without access modes or storage request: a PVC, a StatefulSet template (kubesec VolumeClaimRequestsStorage), an ephemeral volume',
      code: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec:\n  resources: {requests: {storage: 1Gi}}\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  template:\n    spec:\n      containers: [{name: db, image: postgres:16}]\n      volumes:\n        - name: scratch\n          ephemeral:\n            volumeClaimTemplate:\n              spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n  volumeClaimTemplates:\n    - metadata: {name: www}\n      spec:\n        accessModes: [ReadWriteOnce]\n',
      errors: [
        { line: 4, path: 'spec.accessModes', message: 'PersistentVolumeClaim "data" has no `accessModes`' },
        { line: 21, path: 'spec.volumeClaimTemplates[0].spec.resources', message: 'volume claim template "www" (each pod\'s claim) requests no storage' },
      ],
    },
    {
      name: 'autoscaler bounds: maxReplicas below minReplicas (also the default 1), minReplicas 0',
      code: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: a}\nspec:\n  minReplicas: 5\n  maxReplicas: 3\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: b}\nspec:\n  maxReplicas: 0\n---\napiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata: {name: c}\nspec:\n  minReplicas: 0\n  maxReplicas: 3\n',
      errors: [
        { line: 6, path: 'spec.maxReplicas', message: 'maxReplicas 3 is below minReplicas 5;' },
        { line: 12, path: 'spec.maxReplicas', message: 'maxReplicas 0 is below minReplicas 1 (the default)' },
        { line: 18, path: 'spec.minReplicas', message: 'minReplicas 0 is below 1' },
      ],
    },
    { name: 'Service without ports', code: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n', errors: [{ line: 4, path: 'spec', message: 'this Service has no `ports`' }] },
  ],
}, [rule]);
