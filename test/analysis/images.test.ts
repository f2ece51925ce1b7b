import fc from 'fast-check';
import { imagesOf, isMutable, parseImage, registryAllowList, repositoryOf } from '../../src/analysis/images';
import { loadText, SourceText } from '../../src/load';
import { buildObjects } from '../../src/model/build';
import { podSpecOf, type PodSpecView } from '../../src/model/workload';

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value');
  return value;
}

describe('parseImage', () => {
  test.each([
    ['nginx', 'docker.io', 'library/nginx', undefined, undefined],
    ['nginx:1.27', 'docker.io', 'library/nginx', '1.27', undefined],
    ['bitnami/redis:7.2', 'docker.io', 'bitnami/redis', '7.2', undefined],
    ['docker.io/library/nginx:latest', 'docker.io', 'library/nginx', 'latest', undefined],
    ['index.docker.io/nginx', 'docker.io', 'library/nginx', undefined, undefined],
    ['ghcr.io/acme/app:v1@sha256:' + 'a'.repeat(64), 'ghcr.io', 'acme/app', 'v1', 'sha256:' + 'a'.repeat(64)],
    ['registry.local:5000/app', 'registry.local:5000', 'app', undefined, undefined],
    ['host:5000/team/app:2.0', 'host:5000', 'team/app', '2.0', undefined],
    ['localhost/app:dev', 'localhost', 'app', 'dev', undefined],
    ['localhost:5000/app', 'localhost:5000', 'app', undefined, undefined],
    ['k8s.gcr.io/pause:3.2', 'k8s.gcr.io', 'pause', '3.2', undefined],
    ['Quay.IO/org/app', 'quay.io', 'org/app', undefined, undefined],
    ['app@sha256:' + 'b'.repeat(64), 'docker.io', 'library/app', undefined, 'sha256:' + 'b'.repeat(64)],
  ])('%s', (raw, registry, path, tag, digest) => {
    const ref = parseImage(raw);
    expect(ref).toBeDefined();
    expect(ref?.registry).toBe(registry);
    expect(ref?.path).toBe(path);
    expect(ref?.tag).toBe(tag);
    expect(ref?.digest).toBe(digest);
  });

  test.each(['', '   ', '{{ .Values.image }}', '${IMAGE}', 'nginx:', ':1.0', 'a b', 'app@sha256:short', 'UPPER/case', 42, null, undefined])('rejects %p', (raw) => {
    expect(parseImage(raw)).toBeUndefined();
  });

  test('a port is not a tag', () => {
    expect(parseImage('myregistry:5000/app')?.tag).toBeUndefined();
  });

  test('mutable references', () => {
    expect(isMutable(must(parseImage('nginx')))).toBe(true);
    expect(isMutable(must(parseImage('nginx:latest')))).toBe(true);
    expect(isMutable(must(parseImage('nginx:1.27')))).toBe(false);
    expect(isMutable(must(parseImage(`nginx:latest@sha256:${'c'.repeat(64)}`)))).toBe(false);
  });

  test('never throws, and a parsed reference round-trips its parts', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const ref = parseImage(s);
        if (ref !== undefined) expect(repositoryOf(ref)).toContain('/');
      }),
    );
  });
});

describe('registry allow-list patterns', () => {
  const ref = (s: string) => must(parseImage(s));
  test.each([
    ['ghcr.io/acme/app:1', 'ghcr.io', true],
    ['ghcr.io/acme/app:1', 'GHCR.io', true],
    ['ghcr.io/acme/app:1', 'quay.io', false],
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1', '*.dkr.ecr.*.amazonaws.com', true],
    ['ghcr.io/acme/app:1', 'ghcr.io/acme/*', true],
    ['ghcr.io/acme/team/app:1', 'ghcr.io/acme/*', false],
    ['ghcr.io/acme/team/app:1', 'ghcr.io/acme/**', true],
    ['ghcr.io/acme/team/app:1', 'ghcr.io/acme/', true],
    ['ghcr.io/evil/app:1', 'ghcr.io/acme/', false],
    ['nginx:1.27', 'docker.io/library/*', true],
    ['bitnami/redis:7', 'docker.io/library/*', false],
    ['bitnami/redis:7', 'docker.io', true],
    ['ghcr.io/acme/app:1', '', false],
  ])('%s ~ %s → %s', (image, pattern, expected) => {
    expect(registryAllowList([pattern]).allows(ref(image))).toBe(expected);
  });
});

describe('registryAllowList', () => {
  const ref = (s: string) => must(parseImage(s));

  test('allows an image any pattern matches, and keeps only the string patterns', () => {
    const list = registryAllowList(['ghcr.io/acme/*', 42, 'registry.k8s.io']);
    expect(list.patterns).toEqual(['ghcr.io/acme/*', 'registry.k8s.io']);
    expect(list.allows(ref('registry.k8s.io/pause:3.10'))).toBe(true);
    expect(list.allows(ref('ghcr.io/acme/app:1'))).toBe(true);
    expect(list.allows(ref('nginx:1.27'))).toBe(false);
    expect(registryAllowList([]).allows(ref('nginx:1.27'))).toBe(false);
  });

  test('is compiled once per options array, and another array (another configuration) gets its own', () => {
    const options = ['docker.io/library/*'];
    expect(registryAllowList(options)).toBe(registryAllowList(options));
    expect(registryAllowList(['quay.io']).allows(ref('nginx:1.27'))).toBe(false);
    expect(registryAllowList(['docker.io']).allows(ref('nginx:1.27'))).toBe(true);
  });
});

describe('imagesOf', () => {
  const podOf = (image: string): PodSpecView => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {containers: [{name: app, image: '${image}'}]}\n`;
    const [object] = buildObjects(loadText(new SourceText('pod.yaml', text)).documents, { defaultNamespace: 'default' }).objects;
    return podSpecOf(object) as PodSpecView;
  };

  test('parses each pod once for every image rule that asks', () => {
    const pod = podOf('nginx:1.27');
    const uses = imagesOf(pod);
    expect(uses.map((u) => [u.ref?.path, u.ref?.tag, u.path])).toEqual([['library/nginx', '1.27', ['spec', 'containers', 0, 'image']]]);
    expect(imagesOf(pod)).toBe(uses);
  });

  test('another pod (or the same manifest read again) gets its own images', () => {
    expect(imagesOf(podOf('ghcr.io/acme/app:2'))[0].ref?.registry).toBe('ghcr.io');
    expect(imagesOf(podOf('nginx'))[0].ref?.registry).toBe('docker.io');
  });
});
