import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  allKinds,
  defaultVersion,
  definitionSchema,
  isNamespaced,
  kindInfo,
  kindsByName,
  normalizeVersion,
  propertiesAt,
  schemaAt,
  schemaDataDir,
  supportedVersions,
  useSchemaDataDir,
  validatorFor,
} from '../../src/schema';
import { compareApiVersions, parseApiVersion } from '../../src/schema/apiversion';
import { SUPPORTED_KUBERNETES_VERSIONS } from '../../src/versions';

describe('releases', () => {
  test('the bundled releases are the supported ones; the newest is the default', () => {
    expect(supportedVersions()).toEqual(['1.33', '1.34', '1.35', '1.36']);
    expect(supportedVersions()).toEqual([...SUPPORTED_KUBERNETES_VERSIONS]);
    expect(defaultVersion()).toBe('1.36');
  });

  test.each([
    ['1.36', '1.36'],
    ['v1.35', '1.35'],
    ['1.34.2', '1.34'],
    ['v1.33.0', '1.33'],
    [' 1.36 ', '1.36'],
    ['1.20', undefined],
    ['1.3', undefined],
    ['latest', undefined],
    ['1.36.x', undefined],
  ])('normalizeVersion(%j) → %j', (input, expected) => {
    expect(normalizeVersion(input)).toBe(expected);
  });

  test('an unsupported release is a programming error', () => {
    expect(() => kindInfo('1.20', 'v1', 'Pod')).toThrow(/unsupported Kubernetes version "1.20".*1\.33, 1\.34, 1\.35, 1\.36/);
    expect(() => kindInfo('constructor', 'v1', 'Pod')).toThrow(RangeError);
  });
});

describe('kinds', () => {
  test.each([
    ['v1', 'Pod', true],
    ['v1', 'Namespace', false],
    ['v1', 'Node', false],
    ['v1', 'ConfigMap', true],
    ['v1', 'PersistentVolume', false],
    ['rbac.authorization.k8s.io/v1', 'ClusterRole', false],
    ['rbac.authorization.k8s.io/v1', 'Role', true],
    ['apps/v1', 'Deployment', true],
    ['networking.k8s.io/v1', 'Ingress', true],
    ['networking.k8s.io/v1', 'IngressClass', false],
    ['apiextensions.k8s.io/v1', 'CustomResourceDefinition', false],
    ['storage.k8s.io/v1', 'StorageClass', false],
  ])('%s %s namespaced=%s in every release', (apiVersion, kind, namespaced) => {
    for (const version of supportedVersions()) expect(isNamespaced(version, apiVersion, kind)).toBe(namespaced);
  });

  test('unknown kinds are undefined, not false', () => {
    expect(isNamespaced('1.36', 'v1', 'Deployment')).toBeUndefined();
    expect(isNamespaced('1.36', 'apps/v1', 'deployment')).toBeUndefined();
    expect(kindInfo('1.36', 'example.com/v1', 'Widget')).toBeUndefined();
    expect(kindInfo('1.36', 'v1', 'toString')).toBeUndefined();
  });

  test('kindInfo of a known GVK', () => {
    expect(kindInfo('1.36', 'apps/v1', 'Deployment')).toMatchObject({
      apiVersion: 'apps/v1',
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      definition: 'io.k8s.api.apps.v1.Deployment',
      namespaced: true,
      plural: 'deployments',
      subresources: ['scale', 'status'],
      creatable: true,
      list: false,
      servedVersions: ['v1'],
    });
    expect(kindInfo('1.36', 'v1', 'Pod')).toMatchObject({ group: '', definition: 'io.k8s.api.core.v1.Pod', plural: 'pods' });
    expect(kindInfo('1.36', 'v1', 'Pod')?.subresources).toEqual(expect.arrayContaining(['exec', 'log', 'status', 'eviction']));
  });

  test('removed APIs are absent: extensions/v1beta1 Ingress, apps/v1beta1 Deployment, batch/v1beta1 CronJob', () => {
    for (const version of supportedVersions()) {
      expect(kindInfo(version, 'extensions/v1beta1', 'Ingress')).toBeUndefined();
      expect(kindInfo(version, 'apps/v1beta1', 'Deployment')).toBeUndefined();
      expect(kindInfo(version, 'batch/v1beta1', 'CronJob')).toBeUndefined();
      expect(kindInfo(version, 'policy/v1beta1', 'PodSecurityPolicy')).toBeUndefined();
    }
  });

  test('served versions: autoscaling HorizontalPodAutoscaler is v2 and v1, preferred first', () => {
    expect(kindInfo('1.36', 'autoscaling/v1', 'HorizontalPodAutoscaler')?.servedVersions).toEqual(['v2', 'v1']);
    expect(kindInfo('1.36', 'autoscaling/v2', 'HorizontalPodAutoscaler')?.servedVersions).toEqual(['v2', 'v1']);
  });

  test('list kinds and kinds that are not manifests are marked', () => {
    expect(kindInfo('1.36', 'v1', 'PodList')).toMatchObject({ list: true, creatable: false, servedVersions: ['v1'] });
    for (const [apiVersion, kind] of [['v1', 'Status'], ['v1', 'WatchEvent'], ['v1', 'DeleteOptions'], ['v1', 'APIGroup'], ['autoscaling/v1', 'Scale'], ['policy/v1', 'Eviction']]) {
      const info = kindInfo('1.36', apiVersion, kind);
      expect(info).toMatchObject({ creatable: false, servedVersions: [] });
      expect(info?.plural).toBeUndefined();
    }
    expect(kindInfo('1.36', 'v1', 'ComponentStatus')).toMatchObject({ creatable: false, plural: 'componentstatuses' });
    expect(kindInfo('1.36', 'authentication.k8s.io/v1', 'TokenReview')).toMatchObject({ creatable: true, namespaced: false });
    const creatable = allKinds('1.36').filter((k) => k.creatable);
    expect(creatable.length).toBeGreaterThan(90);
    expect(creatable.some((k) => k.list || k.kind.endsWith('List'))).toBe(false);
  });

  test('kindsByName suggests the right apiVersion, case-insensitively', () => {
    expect(kindsByName('1.36', 'Deployment').map((k) => k.apiVersion)).toEqual(['apps/v1']);
    expect(kindsByName('1.36', 'deployment').map((k) => `${k.apiVersion} ${k.kind}`)).toEqual(['apps/v1 Deployment']);
    expect(kindsByName('1.36', 'HorizontalPodAutoscaler').map((k) => k.apiVersion)).toEqual(['autoscaling/v2', 'autoscaling/v1']);
    expect(kindsByName('1.36', 'Event').map((k) => k.apiVersion)).toEqual(['v1', 'events.k8s.io/v1']);
    expect(kindsByName('1.36', 'Nope')).toEqual([]);
    const deleteOptions = kindsByName('1.36', 'DeleteOptions');
    expect(deleteOptions.length).toBeGreaterThan(10);
    expect(deleteOptions[0].apiVersion).toBe('v1');
  });

  test('every release has the common workload kinds and no duplicate GVKs', () => {
    for (const version of supportedVersions()) {
      const kinds = allKinds(version);
      const keys = kinds.map((k) => `${k.apiVersion} ${k.kind}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const key of ['apps/v1 StatefulSet', 'apps/v1 DaemonSet', 'batch/v1 Job', 'batch/v1 CronJob', 'v1 Service', 'networking.k8s.io/v1 NetworkPolicy', 'policy/v1 PodDisruptionBudget']) {
        expect(keys).toContain(key);
      }
    }
  });
});

describe('schema lookups', () => {
  test('propertiesAt lists the fields allowed at a path', () => {
    const props = propertiesAt('1.36', 'apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers', 0, 'securityContext']);
    expect(props).toContain('readOnlyRootFilesystem');
    expect(props).toContain('runAsNonRoot');
    expect(props).toEqual([...(props ?? [])].sort());
    expect(propertiesAt('1.36', 'apps/v1', 'Deployment', [])).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect(propertiesAt('1.36', 'apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers', '0', 'ports', 3])).toContain('containerPort');
  });

  test('propertiesAt is undefined for free-form maps, scalars, unknown paths and kinds', () => {
    expect(propertiesAt('1.36', 'v1', 'ConfigMap', ['data'])).toBeUndefined();
    expect(propertiesAt('1.36', 'v1', 'Pod', ['metadata', 'labels'])).toBeUndefined();
    expect(propertiesAt('1.36', 'v1', 'Pod', ['spec', 'nodeName'])).toBeUndefined();
    expect(propertiesAt('1.36', 'v1', 'Pod', ['spec', 'nope', 'deeper'])).toBeUndefined();
    expect(propertiesAt('1.36', 'v1', 'Pod', ['spec', '__proto__'])).toBeUndefined();
    expect(propertiesAt('1.36', 'v1', 'Nope', [])).toBeUndefined();
  });

  test('propertiesAt follows maps of objects and the CRD schema unions', () => {
    expect(propertiesAt('1.36', 'v1', 'Secret', ['data', 'key'])).toBeUndefined();
    const crd = ['spec', 'versions', 0, 'schema', 'openAPIV3Schema'];
    expect(propertiesAt('1.36', 'apiextensions.k8s.io/v1', 'CustomResourceDefinition', [...crd, 'properties', 'spec'])).toContain('x-kubernetes-preserve-unknown-fields');
    expect(propertiesAt('1.36', 'apiextensions.k8s.io/v1', 'CustomResourceDefinition', [...crd, 'items'])).toContain('type');
    expect(propertiesAt('1.36', 'apiextensions.k8s.io/v1', 'CustomResourceDefinition', ['spec', 'versions', 0, 'subresources', 'status'])).toEqual([]);
  });

  test('schemaAt exposes list-map keys and required fields', () => {
    const containers = schemaAt('1.36', 'v1', 'Pod', ['spec', 'containers']);
    expect(containers?.['x-kubernetes-list-type']).toBe('map');
    expect(containers?.['x-kubernetes-list-map-keys']).toEqual(['name']);
    expect(schemaAt('1.36', 'v1', 'Pod', ['spec', 'containers', 0, 'ports'])?.['x-kubernetes-list-map-keys']).toEqual(['containerPort', 'protocol']);
    expect(schemaAt('1.36', 'v1', 'Pod', ['spec', 'containers', 0])?.required).toEqual(['name']);
    expect(schemaAt('1.36', 'v1', 'Pod', ['spec', 'containers', 0])?.type).toBe('object');
  });

  test('definitionSchema returns stored bodies', () => {
    expect(definitionSchema('1.36', 'io.k8s.api.core.v1.Container')?.additionalProperties).toBe(false);
    expect(definitionSchema('1.36', 'io.k8s.nope')).toBeUndefined();
  });
});

describe('apiVersion helpers', () => {
  test.each([
    ['v1', { group: '', version: 'v1' }],
    ['apps/v1', { group: 'apps', version: 'v1' }],
    ['networking.k8s.io/v1beta1', { group: 'networking.k8s.io', version: 'v1beta1' }],
    ['', undefined],
    ['a/b/c', undefined],
    ['/v1', undefined],
    ['apps/', undefined],
  ])('parseApiVersion(%j)', (input, expected) => {
    expect(parseApiVersion(input)).toEqual(expected);
  });

  test('compareApiVersions orders as Kubernetes prefers', () => {
    const versions = ['v1alpha1', 'v1beta1', 'v2beta2', 'v1', 'v2', 'v1beta2', 'v10', 'foo', 'v2alpha1'];
    expect(versions.sort(compareApiVersions)).toEqual(['v10', 'v2', 'v1', 'v2beta2', 'v1beta2', 'v1beta1', 'v2alpha1', 'v1alpha1', 'foo']);
  });
});

describe('data directory', () => {
  afterEach(() => useSchemaDataDir(undefined));

  test('found above the module directory; can be moved, and stale data is refused', () => {
    expect(schemaDataDir()).toBe(resolve(__dirname, '..', '..', 'schemas', 'kubernetes'));
    const dir = mkdtempSync(join(tmpdir(), 'kubevet-data-'));
    try {
      cpSync(schemaDataDir(), dir, { recursive: true });
      useSchemaDataDir(dir);
      expect(validatorFor('1.36', 'v1', 'ConfigMap')?.({ apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'b' } })).toBe(true);
      writeFileSync(join(dir, 'index.json'), JSON.stringify({ format: 0 }));
      useSchemaDataDir(dir);
      expect(() => supportedVersions()).toThrow(/data format 0, expected 1; run npm run generate:schemas/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
