import rule from '../../../rules/schema/invalid-name';
import { findingsOf, testRule } from '../../helpers/rule-tester';

const meta = (kind: string, apiVersion: string, metadata: string): string => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n${metadata}`;
const long = (n: number): string => 'a'.repeat(n);

testRule('schema/invalid-name', {
  valid: [
    meta('Deployment', 'apps/v1', '  name: web-api.v2\n'),
    meta('Service', 'v1', '  name: web\n'),
    meta('Namespace', 'v1', '  name: team-a\n'),
    meta('ClusterRole', 'rbac.authorization.k8s.io/v1', '  name: system:controller:job-controller\n'),
    meta('RoleBinding', 'rbac.authorization.k8s.io/v1', '  name: Admins_Of_Team\n'),
    'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  names: {plural: widgets, kind: Widget}\n',
    meta('CronJob', 'batch/v1', `  name: ${long(52)}\n`),
    meta('Job', 'batch/v1', `  name: ${long(63)}\n`),
    meta('ConfigMap', 'v1', `  name: ${long(253)}\n`),
    meta('Pod', 'v1', '  generateName: web-\n'),
    meta('Service', 'v1', '  generateName: w-\n'),
    meta('Widget', 'example.com/v1', '  name: a.b.c\n'),
    // Kinds kubevet has no name table for are skipped, never guessed.
    meta('CSIDriver', 'storage.k8s.io/v1', '  name: Not_Checked\n'),
    meta('ConfigMap', 'v1', '  labels: {app: web}\n'),
    meta('StatefulSet', 'apps/v1', '  name: db\n'),
    meta('ConfigMap', 'v1', '  name: settings\n  namespace: team-a\n'),
    // metadata.namespace on a cluster-scoped kind is another rule's business.
    meta('ClusterRole', 'rbac.authorization.k8s.io/v1', '  name: reader\n  namespace: Not_Checked\n'),
  ],
  invalid: [
    {
      name: 'underscore in a Deployment name (the issue\'s example)',
      code: meta('Deployment', 'apps/v1', '  name: db_primary\n'),
      errors: [{ line: 4, column: 9, path: 'metadata.name', message: 'Deployment name `db_primary` is not a valid DNS-1123 subdomain' }],
    },
    {
      name: 'uppercase Service name, with the fixed name',
      code: meta('Service', 'v1', '  name: Web-API\n'),
      errors: [{ line: 4, path: 'metadata.name', message: /DNS-1035 label .* it contains uppercase letters; the API server rejects it: rename it, e.g. `web-api`$/ }],
    },
    { name: 'Service name starting with a digit', code: meta('Service', 'v1', '  name: 1web\n'), errors: [{ line: 4, message: 'does not start with a letter' }] },
    { name: 'Service name with a dot', code: meta('Service', 'v1', '  name: web.api\n'), errors: [{ line: 4, message: "contains '.'" }] },
    { name: 'Namespace with a dot', code: meta('Namespace', 'v1', '  name: team.a\n'), errors: [{ line: 4, message: 'DNS-1123 label' }] },
    { name: 'StatefulSet names are DNS labels since 1.27', code: meta('StatefulSet', 'apps/v1', '  name: db.v1\n'), errors: [{ line: 4, message: "StatefulSet name `db.v1` is not a valid DNS-1123 label" }] },
    { name: 'RBAC names may not contain /', code: meta('ClusterRole', 'rbac.authorization.k8s.io/v1', '  name: team/reader\n'), errors: [{ line: 4, message: "path segment (not '.' or '..', no '/' or '%'): it may not contain '/'" }] },
    { name: 'RBAC name ..', code: meta('Role', 'rbac.authorization.k8s.io/v1', "  name: '..'\n"), errors: [{ line: 4, message: "may not be '..'" }] },
    { name: 'CronJob longer than 52', code: meta('CronJob', 'batch/v1', `  name: ${long(53)}\n`), errors: [{ line: 4, message: 'is 53 characters long, but at most 52 are allowed: the CronJob controller appends' }] },
    { name: 'Job longer than 63', code: meta('Job', 'batch/v1', `  name: ${long(64)}\n`), errors: [{ line: 4, message: '`job-name` label' }] },
    { name: 'ConfigMap longer than 253', code: meta('ConfigMap', 'v1', `  name: ${long(254)}\n`), errors: [{ line: 4, message: 'is 254 characters long (at most 253)' }] },
    { name: 'custom resources need DNS subdomains', code: meta('Widget', 'example.com/v1', '  name: My_Widget\n'), errors: [{ line: 4, message: 'Widget name `My_Widget` is not a valid DNS-1123 subdomain' }] },
    {
      name: 'CRD name must be plural.group',
      code: 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widget.example.com\nspec:\n  group: example.com\n  names: {plural: widgets, kind: Widget}\n',
      errors: [{ line: 4, message: 'rename it `widgets.example.com`' }],
    },
    { name: 'invalid generateName prefix', code: meta('Pod', 'v1', '  generateName: Web-\n'), errors: [{ line: 4, column: 17, path: 'metadata.generateName', message: 'generateName `Web-` is not a valid prefix' }] },
    { name: 'generateName too long for a CronJob', code: meta('CronJob', 'batch/v1', `  generateName: ${long(50)}-\n`), errors: [{ line: 4, message: 'yields names like' }] },
    {
      name: 'invalid namespace',
      code: meta('ConfigMap', 'v1', '  name: settings\n  namespace: Team_A\n'),
      errors: [{ line: 5, column: 14, path: 'metadata.namespace', message: 'namespace `Team_A` is not a valid Namespace name (a DNS-1123 label): it contains uppercase letters; the API server rejects the object: use a valid namespace name, e.g. `team-a`' }],
    },
  ],
}, [rule]);

test('the examples in the rule metadata are true', () => {
  expect(findingsOf('schema/invalid-name', rule.meta.examples?.bad ?? '', 'm.yaml', [rule]).length).toBeGreaterThan(0);
  expect(findingsOf('schema/invalid-name', rule.meta.examples?.good ?? '', 'm.yaml', [rule])).toEqual([]);
});
