import { lintTexts } from '../../engine/helpers';
import { testRule } from '../../helpers/rule-tester';
import { NEW_RULES } from '../security/beyond-pss/rules';

const DIGEST = `sha256:${'a'.repeat(64)}`;

/** A Deployment with one container; the image is on line 12, the pull policy on line 13. */
function deployment(image: string, policy?: string): string {
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ${image}\n${policy === undefined ? '' : `          imagePullPolicy: ${policy}\n`}`.replace('spec:\n  template', 'spec:\n  replicas: 1\n  selector: {}\n  template');
}

testRule(
  'image/latest-tag',
  {
    valid: [deployment('nginx:1.27.2'), deployment(`nginx@${DIGEST}`), deployment(`nginx:latest@${DIGEST}`), deployment('"{{ .Values.image }}"'), deployment('7')],
    invalid: [
      { name: 'no tag', code: deployment('nginx'), errors: [{ line: 12, message: 'uses image nginx without a tag' }] },
      { name: 'latest', code: deployment('ghcr.io/acme/app:latest'), errors: [{ line: 12, message: 'latest tag of ghcr.io/acme/app' }] },
      { name: 'port is not a tag', code: deployment('registry.local:5000/app'), errors: [{ line: 12, message: 'without a tag' }] },
    ],
  },
  NEW_RULES,
);

testRule(
  'image/no-digest',
  {
    valid: [deployment(`nginx:1.27@${DIGEST}`), deployment('nginx'), deployment('nginx:latest')],
    invalid: [{ code: deployment('nginx:1.27.2'), errors: [{ line: 12, message: 'by tag only' }] }],
  },
  NEW_RULES,
);

testRule(
  'image/pull-policy',
  {
    valid: [deployment('nginx:latest'), deployment('nginx:latest', 'Always'), deployment('nginx:1.27', 'IfNotPresent'), deployment('nginx:1.27', 'Always'), deployment(`nginx@${DIGEST}`, 'Always'), deployment(`nginx:latest@${DIGEST}`, 'IfNotPresent')],
    invalid: [
      { name: 'latest with IfNotPresent', code: deployment('nginx:latest', 'IfNotPresent'), errors: [{ line: 13, message: 'imagePullPolicy IfNotPresent' }] },
      { name: 'no tag with Never', code: deployment('nginx', 'Never'), errors: [{ line: 13, message: 'Never' }] },
    ],
  },
  NEW_RULES,
);

testRule(
  'image/deprecated-registry',
  {
    valid: [deployment('registry.k8s.io/pause:3.10'), deployment('gcr.io/distroless/static:nonroot'), deployment('ghcr.io/acme/app:1')],
    invalid: [
      { name: 'k8s.gcr.io', code: deployment('k8s.gcr.io/ingress-nginx/controller:v1.2.1'), errors: [{ line: 12, message: 'use registry.k8s.io/ingress-nginx/controller' }] },
      { name: 'google_containers', code: deployment('gcr.io/google_containers/pause:3.2'), errors: [{ line: 12, message: 'use registry.k8s.io/pause' }] },
      { name: 'GitHub packages', code: deployment('docker.pkg.github.com/acme/repo/app:1'), errors: [{ line: 12, message: 'use ghcr.io' }] },
    ],
  },
  NEW_RULES,
);

testRule(
  'image/allowed-registries',
  {
    valid: [deployment('nginx:1.27'), deployment('registry.k8s.io/pause:3.10')],
    invalid: [
      { name: 'Docker Hub user image', code: deployment('randomuser/nginx:1.27'), errors: [{ line: 12, message: 'pulls docker.io/randomuser/nginx, which no allowed registry pattern matches' }] },
      { name: 'other registry', code: deployment('ghcr.io/acme/app:1'), errors: [{ line: 12 }] },
    ],
  },
  NEW_RULES,
);

describe('image/allowed-registries options', () => {
  const run = (image: string, registries: string[]) =>
    lintTexts({ 'm.yaml': deployment(image) }, { rules: [...NEW_RULES], overrides: [['*', 'off'], ['image/allowed-registries', 'warning']], config: { checks: { 'image/allowed-registries': { options: { registries } } } } }).findings;

  test('configured globs replace the defaults', () => {
    expect(run('ghcr.io/acme/app:1', ['ghcr.io/acme/*'])).toEqual([]);
    expect(run('123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1', ['*.dkr.ecr.*.amazonaws.com'])).toEqual([]);
    expect(run('nginx:1.27', ['ghcr.io/acme/*'])).toHaveLength(1);
  });

  test('off by default', () => {
    expect(lintTexts({ 'm.yaml': deployment('randomuser/nginx:1.27') }, { rules: [...NEW_RULES] }).findings.filter((f) => f.ruleId === 'image/allowed-registries')).toEqual([]);
  });
});
