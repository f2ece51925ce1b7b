import { deployment, findings, lint } from './support';

const RULE = 'reference/duplicate-object';
const CM = (name: string, value: string, ns?: string): string => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
${ns === undefined ? '' : `  namespace: ${ns}\n`}data:
  LOG_LEVEL: ${value}
`;

describe(RULE, () => {
  test('the same object twice in one file is reported on the second, naming the first', () => {
    const found = findings(RULE, `${CM('web', 'info')}---\n${CM('web', 'debug')}`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 11, path: 'metadata.name', severity: 'error' });
    expect(found[0].message).toContain('already defined at manifest.yaml:1 (the two definitions differ)');
  });

  test('across two files of one directory, identical definitions are named as such', () => {
    const found = findings(RULE, { 'k8s/a.yaml': CM('web', 'info'), 'k8s/b.yaml': CM('web', 'info') });
    expect(found).toHaveLength(1);
    expect(found[0].file).toBe('k8s/b.yaml');
    expect(found[0].message).toContain('k8s/a.yaml:1 (identical)');
  });

  test('extensions and apps are one group for Deployments', () => {
    const old = deployment('web').replace('apps/v1', 'extensions/v1beta1');
    expect(findings(RULE, `${deployment('web')}---\n${old}`)).toHaveLength(1);
  });

  test('files sharing many objects get a hint that they may be variants', () => {
    const bundle = ['a', 'b', 'c'].map((n) => CM(n, 'x')).join('---\n');
    const found = findings(RULE, { 'dir/install.yaml': bundle, 'dir/namespace-install.yaml': bundle });
    expect(found).toHaveLength(3);
    expect(found[0].message).toContain('share 3 objects: if they are alternative variants, lint them separately');
  });

  test('sibling directories are variants unless acrossDirectories is set', () => {
    const files = { 'overlays/dev/cm.yaml': CM('web', 'debug'), 'overlays/prod/cm.yaml': CM('web', 'info') };
    expect(findings(RULE, files)).toEqual([]);
    expect(lint(files, { rule: RULE, options: { acrossDirectories: true } })).toHaveLength(1);
  });

  test.each([
    ['different names', `${CM('web', 'a')}---\n${CM('api', 'a')}`],
    ['different namespaces', `${CM('web', 'a', 'one')}---\n${CM('web', 'a', 'two')}`],
    ['one namespace written, one left to kubectl -n', `${CM('web', 'a', 'prod')}---\n${CM('web', 'a')}`],
    ['different kinds', `${CM('web', 'a')}---\n${deployment('web')}`],
    ['generateName only', 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: m, image: m:1}]\n---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: m, image: m:1}]\n'],
    ['odd metadata', 'apiVersion: v1\nkind: ConfigMap\nmetadata: 7\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: [a]\n'],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});
