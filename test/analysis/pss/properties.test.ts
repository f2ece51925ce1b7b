import fc from 'fast-check';
import { evaluatePodSecurity } from '../../../src/analysis/pss';
import { CONTAINER_LISTS } from '../../../src/model/workload';
import { hardenedPod, merge, VERSIONS, type Json } from './pods';

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/);

/** Container fields no Pod Security control looks at (or looks at and allows). */
const irrelevantContainer: fc.Arbitrary<Json> = fc.record(
  {
    args: fc.array(fc.string(), { maxLength: 3 }),
    env: fc.array(fc.record({ name, value: fc.string() }), { maxLength: 3 }),
    ports: fc.array(fc.record({ containerPort: fc.integer({ min: 1, max: 65535 }), protocol: fc.constantFrom('TCP', 'UDP') }), { maxLength: 3 }),
    resources: fc.record({ limits: fc.record({ cpu: fc.constantFrom('100m', '1'), memory: fc.constantFrom('64Mi', '1Gi') }) }),
    volumeMounts: fc.array(fc.record({ name, mountPath: fc.constantFrom('/tmp', '/data', '/cache') }), { maxLength: 2 }),
    imagePullPolicy: fc.constantFrom('Always', 'IfNotPresent'),
    readinessProbe: fc.record({ httpGet: fc.record({ path: fc.constantFrom('/healthz', '/ready'), port: fc.integer({ min: 1, max: 65535 }) }) }),
    lifecycle: fc.record({ preStop: fc.record({ exec: fc.record({ command: fc.array(fc.string(), { maxLength: 2 }) }) }) }),
    securityContext: fc.record(
      {
        readOnlyRootFilesystem: fc.boolean(),
        runAsUser: fc.integer({ min: 1, max: 65535 }),
        runAsGroup: fc.integer({ min: 0, max: 65535 }),
        privileged: fc.constant(false),
        procMount: fc.constant('Default'),
        seLinuxOptions: fc.record({ type: fc.constantFrom('container_t', 'container_init_t'), level: fc.constant('s0:c1,c2') }, { requiredKeys: [] }),
        appArmorProfile: fc.constantFrom({ type: 'RuntimeDefault' }, { type: 'Localhost', localhostProfile: 'k8s-default' }),
        capabilities: fc.record({ drop: fc.constant(['ALL']), add: fc.constantFrom([], ['NET_BIND_SERVICE']) }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

const allowedVolume = fc.oneof(
  fc.record({ name, emptyDir: fc.constant({}) }),
  fc.record({ name, configMap: fc.record({ name }) }),
  fc.record({ name, secret: fc.record({ secretName: name }) }),
  fc.record({ name, persistentVolumeClaim: fc.record({ claimName: name }) }),
  fc.record({ name, image: fc.record({ reference: fc.constant('registry.example/data:1') }) }),
  fc.record({ name, projected: fc.record({ sources: fc.constant([]) }) }),
);

const irrelevantPod: fc.Arbitrary<Json> = fc.record(
  {
    serviceAccountName: name,
    automountServiceAccountToken: fc.boolean(),
    nodeSelector: fc.dictionary(name, name, { maxKeys: 2 }),
    tolerations: fc.array(fc.record({ key: name, operator: fc.constant('Exists') }), { maxLength: 2 }),
    hostNetwork: fc.constant(false),
    hostPID: fc.constant(false),
    hostUsers: fc.boolean(),
    volumes: fc.array(allowedVolume, { maxLength: 3 }),
    securityContext: fc.record(
      {
        runAsUser: fc.integer({ min: 1, max: 65535 }),
        fsGroup: fc.integer({ min: 0, max: 65535 }),
        supplementalGroups: fc.array(fc.integer({ min: 0, max: 65535 }), { maxLength: 2 }),
        sysctls: fc.array(fc.record({ name: fc.constantFrom('net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_keepalive_time', 'kernel.shm_rmid_forced'), value: fc.constant('1') }), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

const metadata: fc.Arbitrary<Json> = fc.record({
  labels: fc.dictionary(name, name, { maxKeys: 3 }),
  annotations: fc.dictionary(name, fc.string(), { maxKeys: 3 }),
});

describe('properties', () => {
  test('a hardened pod stays clean at restricted whatever irrelevant fields are added', () => {
    fc.assert(
      fc.property(irrelevantContainer, irrelevantPod, metadata, fc.constantFrom(...CONTAINER_LISTS), fc.constantFrom(...VERSIONS), (container, pod, meta, list, version) => {
        const spec = merge(hardenedPod({ list, container }), pod);
        expect(evaluatePodSecurity(spec, meta, 'restricted', version)).toEqual([]);
      }),
    );
  });

  test('inheritance: a field set at the pod level or on every container violates the same controls', () => {
    const context = fc.record(
      {
        runAsNonRoot: fc.boolean(),
        runAsUser: fc.integer({ min: 0, max: 2 }),
        seccompProfile: fc.record({ type: fc.constantFrom('RuntimeDefault', 'Localhost', 'Unconfined') }),
        appArmorProfile: fc.record({ type: fc.constantFrom('RuntimeDefault', 'Unconfined') }),
        seLinuxOptions: fc.record({ type: fc.constantFrom('container_t', 'spc_t') }),
        windowsOptions: fc.record({ hostProcess: fc.boolean() }),
      },
      { requiredKeys: [] },
    );
    const base = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
    const counts = fc.record({ initContainers: fc.nat(2), containers: fc.integer({ min: 1, max: 2 }), ephemeralContainers: fc.nat(1) });
    fc.assert(
      fc.property(context, counts, fc.constantFrom('baseline' as const, 'restricted' as const), fc.constantFrom(...VERSIONS), (sc, n, level, version) => {
        const lists = (own: Json): Json => Object.fromEntries(CONTAINER_LISTS.map((l) => [l, Array.from({ length: n[l] }, (_, i) => ({ name: `${l}-${i}`, image: 'x', securityContext: { ...base, ...own } }))]));
        const controls = (spec: Json): string[] => [...new Set(evaluatePodSecurity(spec, {}, level, version).map((v) => v.control))].sort();
        expect(controls({ securityContext: sc, ...lists({}) })).toEqual(controls(lists(sc)));
      }),
    );
  });

  test('one finding per control and subject; never throws on arbitrary input', () => {
    const known = ['containers', 'initContainers', 'ephemeralContainers', 'securityContext', 'volumes', 'hostNetwork', 'hostUsers', 'os'];
    const anyPod = fc.record(Object.fromEntries(known.map((k) => [k, fc.anything()])), { requiredKeys: [] });
    fc.assert(
      fc.property(fc.oneof(anyPod, fc.anything()), fc.anything(), fc.constantFrom('baseline' as const, 'restricted' as const), (spec, meta, level) => {
        const found = evaluatePodSecurity(spec, meta, level, '1.36');
        const keys = found.map((v) => `${v.control}|${v.subject}`);
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });
});
